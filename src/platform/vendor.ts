/**
 * awilix and fast-glob, the two CommonJS packages the server loads before its first tools/list.
 * awilix imports fast-glob itself (for loadModules, which we do not use), and resolving, reading
 * and compiling fast-glob's 73 files is most of the start-up's CommonJS cost. `npm run build`
 * writes both as one file (dist/vendor/awilix-fast-glob.cjs, by bundle-vendor.ts): the compiled
 * server loads that, the same libraries at the installed versions, about 25 ms less CPU per
 * start, and with V8's code cache of it (./code-cache.ts) 12 ms less again. From source, or when
 * the file is absent (say `tsc` ran alone), the installed packages load.
 * Every runtime use of either goes through here: awilix marks resolvers with a symbol of its own
 * copy, so two copies must never meet.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as Awilix from 'awilix';
import type FastGlob from 'fast-glob';
import { requireWithCodeCache } from './code-cache.js';
import { packageRoot, runningFromSource } from './package-info.js';

export interface Vendor {
  awilix: typeof Awilix;
  fastGlob: typeof FastGlob;
}

export const VENDOR_BUNDLE = path.join('dist', 'vendor', 'awilix-fast-glob.cjs');
/** V8's code cache of the bundle, written by the same build step (./code-cache.ts). */
export const VENDOR_CODE_CACHE = `${VENDOR_BUNDLE}.v8-cache`;
/** What the bundle is built from (bundle-vendor.ts). */
export const VENDOR_ENTRY = "module.exports = { awilix: require('awilix'), fastGlob: require('fast-glob') };";

async function load(): Promise<Vendor> {
  const bundle = path.join(packageRoot(), VENDOR_BUNDLE);
  if (!runningFromSource() && existsSync(bundle)) return requireWithCodeCache(bundle, path.join(packageRoot(), VENDOR_CODE_CACHE)).exports as Vendor;
  const [awilix, fastGlob] = await Promise.all([import('awilix'), import('fast-glob')]);
  return { awilix, fastGlob: fastGlob.default };
}

const vendor = await load();
export const awilix = vendor.awilix;
export const fastGlob = vendor.fastGlob;
