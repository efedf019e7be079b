/**
 * `npm run build` step: bundles every MCP App view (its TypeScript entry, the ext-apps App class
 * and the shared chart code) with esbuild into one self-contained HTML file under dist/apps/, so
 * the page loads no remote script inside the host's sandboxed iframe.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../platform/package-info.js';
import { APP_VIEWS, bundlePath, type AppView } from './views.js';
import { VIEW_STYLES } from './view-styles.js';

async function bundle(view: AppView): Promise<string> {
  const result = await build({
    entryPoints: [path.join(packageRoot(), view.entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    // The sources import siblings with .js suffixes (NodeNext); esbuild resolves them to .ts.
    resolveExtensions: ['.ts', '.js'],
  });
  // Inlined in a <script>: a literal "</script" in the bundle must not end it early.
  return result.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
}

async function main(): Promise<void> {
  for (const view of APP_VIEWS) {
    const script = await bundle(view);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${view.title}</title><style>${VIEW_STYLES}</style></head><body><main id="root" aria-live="polite">Waiting for the tool result…</main><script>${script}</script></body></html>`;
    const file = bundlePath(view);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, html);
  }
  process.stderr.write(`app views: ${APP_VIEWS.length} bundled\n`);
}

await main();
