/**
 * The compiled server loads awilix and fast-glob from one bundled file (src/platform/vendor.ts):
 * it must find the same plugin files as the installed fast-glob and build a working container.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fg from 'fast-glob';
import type * as Awilix from 'awilix';
import { ROOT, assertBuilt } from '../helpers/stdio.js';
import { VENDOR_BUNDLE } from '../../src/platform/vendor.js';

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
});
