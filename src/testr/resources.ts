/**
 * Testr recordings as MCP resources (testr://recordings/run-<id>.gif), so a client can show the
 * GIF of a run. Listed only when the Testr tools are served. Listing reads the recordings folder,
 * never the database.
 */
import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { loadServices, type AppContainer } from '../platform/container.js';
import { RECORDING_URI_TEMPLATE } from './recordings.js';

export const TESTR_RESOURCE_TOOLS = ['get-test-run-status', 'start-test-run'];

export function registerTestrResources(mcp: McpServer, container: AppContainer): void {
  mcp.registerResource(
    'testr-recording',
    new ResourceTemplate(RECORDING_URI_TEMPLATE, {
      list: async () => {
        await loadServices(container);
        return { resources: (await container.cradle.testr.listRecordings()).map(({ uri, name, title, mimeType }) => ({ uri, name, title, mimeType })) };
      },
    }),
    {
      title: 'Testr run recording',
      description: 'Animated GIF of a finished Testr browser test run, one frame per step (password fields masked).',
      mimeType: 'image/gif',
    },
    async (_uri, variables) => {
      const runId = Number(variables.runId);
      await loadServices(container);
      const recording = await container.cradle.testr.readRecording(Number.isSafeInteger(runId) ? runId : -1);
      return { contents: [recording] };
    },
  );
}
