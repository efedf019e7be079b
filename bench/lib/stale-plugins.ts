/**
 * Plugins whose compiled copy is older than their source. The server then loads them through tsx
 * (TypeScript at runtime, their whole import graph included), which inflates the cold start, so a
 * run with stale plugins says so instead of reporting a misleading figure.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './servers.js';

export function stalePlugins(): string[] {
  const source = path.join(ROOT, 'plugins');
  return readdirSync(source, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(source, entry.name, 'tool.ts')))
    .map((entry) => entry.name)
    .filter((name) => {
      const compiled = path.join(ROOT, 'dist', 'plugins', name, 'tool.js');
      return !existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path.join(source, name, 'tool.ts')).mtimeMs;
    });
}
