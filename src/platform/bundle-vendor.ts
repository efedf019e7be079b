/**
 * `npm run build` step: writes the installed awilix and fast-glob as one CommonJS file
 * (dist/vendor/awilix-fast-glob.cjs) for the compiled server (see vendor.ts), and V8's code cache
 * of it after running what start-up runs: the plugin walk of dist/plugins and a container.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { writeCodeCache } from './code-cache.js';
import { packageRoot } from './package-info.js';
import { PLUGIN_GLOB_OPTIONS, pluginPattern } from './plugin-loader.js';
import { VENDOR_BUNDLE, VENDOR_CODE_CACHE, VENDOR_ENTRY, type Vendor } from './vendor.js';

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
writeCodeCache(path.join(root, VENDOR_BUNDLE), path.join(root, VENDOR_CODE_CACHE), (exports) => {
  const { awilix, fastGlob } = exports as Vendor;
  fastGlob.sync(pluginPattern(fastGlob, path.join(root, 'dist', 'plugins')), PLUGIN_GLOB_OPTIONS);
  const container = awilix.createContainer({ injectionMode: awilix.InjectionMode.PROXY, strict: true });
  container.register({ one: awilix.asValue(1), two: awilix.asFunction(({ one }: { one: number }) => one + 1).singleton() });
  container.createScope().resolve('two');
});
process.stderr.write(`vendor: awilix and fast-glob bundled into ${VENDOR_BUNDLE}, with its V8 code cache\n`);
