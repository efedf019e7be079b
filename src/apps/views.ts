/**
 * MCP App views (`@modelcontextprotocol/ext-apps`): a `ui://` resource per view, MIME
 * `text/html;profile=mcp-app`, a self-contained page (scripts and styles inlined when
 * `npm run build` bundles it: no remote script) that renders a tool's structuredContent. A tool
 * links to its view with `app: VIEW.uri`; the area that owns the tool registers the resource.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AreaServer } from '../platform/area.js';
import { packageRoot } from '../platform/package-info.js';

/** The ext-apps MIME type (RESOURCE_MIME_TYPE), spelled here so serving a view loads nothing. */
export const APP_MIME_TYPE = 'text/html;profile=mcp-app';

export interface AppView {
  /** File name of the bundle (dist/apps/<name>.html) and the resource's name. */
  name: string;
  uri: `ui://${string}`;
  title: string;
  /** The TypeScript entry bundled for the browser, relative to the package root. */
  entry: string;
  /** The tool whose results it shows; the view is listed only when that tool is served. */
  tool: string;
}

export const STATUS_REPORT_VIEW = {
  name: 'status-report',
  uri: 'ui://testio-mcp/status-report.html',
  title: 'TestIO status report dashboard',
  entry: 'src/testio/views/status-report.ts',
  tool: 'generate_status_report',
} as const satisfies AppView;

export const TEST_RUN_VIEW = {
  name: 'test-run',
  uri: 'ui://testio-mcp/test-run.html',
  title: 'Testr run timeline',
  entry: 'src/testr/views/test-run.ts',
  tool: 'get-test-run-status',
} as const satisfies AppView;

export const QUALITY_REPORT_VIEW = {
  name: 'quality-report',
  uri: 'ui://testio-mcp/quality-report.html',
  title: 'TestIO quality report dashboard',
  entry: 'src/analytics/views/quality-report.ts',
  tool: 'generate_quality_report',
} as const satisfies AppView;

export const METRICS_VIEW = {
  name: 'query-metrics',
  uri: 'ui://testio-mcp/query-metrics.html',
  title: 'TestIO metrics explorer',
  entry: 'src/analytics/views/query-metrics.ts',
  tool: 'query_metrics',
} as const satisfies AppView;

/** Every view, for the build (`npm run build` bundles each one). */
export const APP_VIEWS: readonly AppView[] = [STATUS_REPORT_VIEW, TEST_RUN_VIEW, QUALITY_REPORT_VIEW, METRICS_VIEW];

export const bundlePath = (view: Pick<AppView, 'name'>) => path.join(packageRoot(), 'dist', 'apps', `${view.name}.html`);

const bundles = new Map<string, Promise<string>>();

/** Registers the views whose tools this server serves; the page is read on first use. */
export function registerAppViews(server: AreaServer, views: readonly AppView[]): void {
  for (const view of views) {
    if (!server.tools.has(view.tool)) continue;
    server.mcp.registerResource(view.name, view.uri, { title: view.title, mimeType: APP_MIME_TYPE, description: `Interactive view of ${view.tool} results.` }, async () => {
      let html = bundles.get(view.name);
      if (!html) {
        html = readFile(bundlePath(view), 'utf8');
        bundles.set(view.name, html);
        // A missing bundle is retried on the next read (after a build), not remembered.
        html.catch(() => bundles.delete(view.name));
      }
      try {
        return { contents: [{ uri: view.uri, mimeType: APP_MIME_TYPE, text: await html }] };
      } catch {
        throw new Error(`The ${view.name} view is not built (dist/apps/${view.name}.html). Run npm run build.`);
      }
    });
  }
}
