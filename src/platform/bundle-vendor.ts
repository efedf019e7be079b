/**
 * `npm run build` step: writes the installed awilix and fast-glob as one CommonJS file
 * (dist/vendor/awilix-fast-glob.cjs) for the compiled server (see vendor.ts).
 */
import path from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from './package-info.js';
import { VENDOR_BUNDLE, VENDOR_ENTRY } from './vendor.js';

const root = packageRoot();
await build({
  stdin: { contents: VENDOR_ENTRY, resolveDir: root, loader: 'js', sourcefile: 'vendor-entry.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: path.join(root, VENDOR_BUNDLE),
  logLevel: 'warning',
});
process.stderr.write(`vendor: awilix and fast-glob bundled into ${VENDOR_BUNDLE}\n`);
