/**
 * Testr recordings as MCP resources (testr://recordings/run-<id>.gif), so a client can show the
 * GIF of a run. Listed only when the Testr tools are served. Listing reads the recordings folder,
 * never the database.
 */
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AreaServer } from '../platform/area.js';
import { RECORDING_URI_TEMPLATE } from './recordings.js';

export const TESTR_RESOURCE_TOOLS = ['get-test-run-status', 'start-test-run'];

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
    async (_uri, variables) => {
      const runId = Number(variables.runId);
      const { testr } = await context();
      const recording = await testr.readRecording(Number.isSafeInteger(runId) ? runId : -1);
      return { contents: [recording] };
    },
  );
}
