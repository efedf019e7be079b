/**
 * Testr recordings as MCP resources (testr://recordings/run-<runId>.gif), so a client can show the
 * GIF of a run, and the latest screenshot of a running run (testr://runs/<runId>/live.png). Listed
 * only when the Testr tools are served. A run id must be in canonical form (the lowercase UUID, or
 * the plain whole number of an older run); anything missing answers the MCP "resource not found"
 * error (-32002), not an internal error.
 */
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { AreaServer } from '../platform/area.js';
import { isToolError } from '../platform/errors.js';
import { isCanonicalId } from './ids.js';
import { RECORDING_URI_TEMPLATE } from './recordings.js';

export const LIVE_FRAME_URI_TEMPLATE = 'testr://runs/{runId}/live.png';
export const liveFrameUri = (runId: string) => LIVE_FRAME_URI_TEMPLATE.replace('{runId}', runId);

export const TESTR_RESOURCE_TOOLS = ['get-test-run-status', 'start-test-run'];

/** JSON-RPC code of "Resource not found" in the MCP specification. */
export const RESOURCE_NOT_FOUND = -32002;

export const resourceNotFound = (uri: string, message: string) => new McpError(RESOURCE_NOT_FOUND, message, { uri });

/** The run id of a resource URI, or a not-found error for any non-canonical spelling. */
export function canonicalRunId(uri: URL, variable: string | string[] | undefined): string {
  const runId = Array.isArray(variable) ? '' : (variable ?? '');
  if (!isCanonicalId(runId)) {
    throw resourceNotFound(uri.href, `Resource not found: ${uri.href}. Run ids are UUIDs in lowercase, as start-test-run returned them.`);
  }
  return runId;
}

/** Runs `read`, turning a not_found tool error into the MCP resource-not-found error. */
export async function readOrNotFound<T>(uri: URL, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isToolError(error) && error.toolErrorKind === 'not_found') throw resourceNotFound(uri.href, `Resource not found: ${error.message}${error.hint ? ` ${error.hint}` : ''}`);
    throw error;
  }
}

export function registerTestrResources({ mcp, tools, context }: AreaServer): void {
  if (!TESTR_RESOURCE_TOOLS.some((name) => tools.has(name))) return;
  mcp.registerResource(
    'testr-recording',
    new ResourceTemplate(RECORDING_URI_TEMPLATE, {
      list: async () => {
        const { testr } = await context();
        return { resources: (await testr.listRecordings()).map(({ uri, name, title, mimeType }) => ({ uri, name, title, mimeType })) };
      },
    }),
    {
      title: 'Testr run recording',
      description: 'Animated GIF of a finished Testr browser test run, one frame per step (password fields masked).',
      mimeType: 'image/gif',
    },
    async (uri, variables) => {
      const runId = canonicalRunId(uri, variables.runId);
      const { testr } = await context();
      const recording = await readOrNotFound(uri, () => testr.readRecording(runId));
      return { contents: [{ uri: recording.uri, mimeType: recording.mimeType, blob: recording.data.toString('base64') }] };
    },
  );
  mcp.registerResource(
    'testr-live-frame',
    new ResourceTemplate(LIVE_FRAME_URI_TEMPLATE, { list: undefined }),
    {
      title: 'Testr run live screenshot',
      description:
        'The latest screenshot (PNG) of a Testr run while it is running, taken after each step (password fields masked). Not found once the run has ended: read its recording instead.',
      mimeType: 'image/png',
    },
    async (uri, variables) => {
      const runId = canonicalRunId(uri, variables.runId);
      const { testr } = await context();
      const frame = await readOrNotFound(uri, () => testr.readLiveFrame(runId));
      return { contents: [{ uri: liveFrameUri(frame.runId), mimeType: 'image/png', blob: frame.data.toString('base64') }] };
    },
  );
}
