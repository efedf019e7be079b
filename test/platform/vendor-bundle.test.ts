/**
 * The compiled server loads awilix and fast-glob from one bundled file (src/platform/vendor.ts):
 * it must find the same plugin files as the installed fast-glob and build a working container.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';
import fg from 'fast-glob';
import type * as Awilix from 'awilix';
import { ROOT, assertBuilt } from '../helpers/stdio.js';
import { VENDOR_BUNDLE, VENDOR_CODE_CACHE } from '../../src/platform/vendor.js';

interface Vendor {
  awilix: typeof Awilix;
  fastGlob: typeof fg;
}

describe('the bundled awilix and fast-glob of the compiled server', () => {
  let vendor: Vendor;

  beforeAll(() => {
    assertBuilt();
    const bundle = path.join(ROOT, VENDOR_BUNDLE);
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run "npm run build" (npm test does it first).`);
    vendor = createRequire(import.meta.url)(bundle) as Vendor;
  });

  it('finds exactly the plugin files the installed fast-glob finds', () => {
    const pattern = `${fg.convertPathToPattern(path.join(ROOT, 'plugins'))}/*/tool.{ts,js}`;
    const bundled = vendor.fastGlob.sync(pattern, { absolute: true, onlyFiles: true }).sort();
    expect(bundled.length).toBeGreaterThan(10);
    expect(bundled).toEqual(fg.sync(pattern, { absolute: true, onlyFiles: true }).sort());
  });

  it('builds a strict PROXY container that resolves and refuses as awilix does', () => {
    const { createContainer, asFunction, asValue, InjectionMode } = vendor.awilix;
    const container = createContainer<{ base: number; twice: number }>({ injectionMode: InjectionMode.PROXY, strict: true });
    container.register({ base: asValue(21), twice: asFunction(({ base }: { base: number }) => base * 2).singleton() });
    expect(container.resolve('twice')).toBe(42);
    expect(() => container.resolve('missing' as 'base')).toThrow(/missing/);
  });

  describe('its V8 code cache (src/platform/code-cache.ts)', () => {
    // A fresh node without flags, as the server starts: V8 checks the cache against its flags, and
    // this test process runs with --experimental-vm-modules.
    const load = (bundle: string, cache: string) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '--input-type=module',
            '-e',
            `import { requireWithCodeCache } from ${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist/src/platform/code-cache.js')).href)};
             const { exports, cache } = requireWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cache)});
             const files = exports.fastGlob.sync(${JSON.stringify(`${fg.convertPathToPattern(path.join(ROOT, 'plugins'))}/*/tool.{ts,js}`)}, { absolute: true, onlyFiles: true });
             process.stdout.write(JSON.stringify({ cache, files: files.length }));`,
          ],
          { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } },
        ),
      ) as { cache: string; files: number };
    const plugins = () => fg.sync(`${fg.convertPathToPattern(path.join(ROOT, 'plugins'))}/*/tool.{ts,js}`).length;

    it('is written by the build and accepted by a fresh node', () => {
      expect(load(path.join(ROOT, VENDOR_BUNDLE), path.join(ROOT, VENDOR_CODE_CACHE))).toEqual({ cache: 'used', files: plugins() });
    });

    it('a damaged or missing cache is rejected or skipped, and the bundle still works', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'code-cache-'));
      try {
        const bundle = path.join(dir, 'vendor.cjs');
        copyFileSync(path.join(ROOT, VENDOR_BUNDLE), bundle);
        writeFileSync(path.join(dir, 'vendor.cjs.v8-cache'), 'not a code cache');
        expect(load(bundle, path.join(dir, 'vendor.cjs.v8-cache'))).toEqual({ cache: 'rejected', files: plugins() });
        expect(load(bundle, path.join(dir, 'absent.v8-cache'))).toEqual({ cache: 'none', files: plugins() });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
