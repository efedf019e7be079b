/**
 * Imports every plugin of the package one after the other before a suite starts the server.
 * Under Jest's ESM VM, the loader's concurrent import() of many plugins can fail with
 * "request for 'x' is not in cache" (a Jest/Node vm-modules race); once each module is loaded
 * and linked, the loader's imports are cache hits and the race cannot happen.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function preloadPlugins(dir = path.resolve('plugins')): Promise<void> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    await import(pathToFileURL(path.join(dir, entry.name, 'tool.ts')).href);
  }
}
