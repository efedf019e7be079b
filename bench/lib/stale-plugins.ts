/**
 * Plugins whose compiled copy is older than their source, or not described by a current tool
 * index. The server then imports them at start-up (TypeScript through tsx, with its whole import
 * graph), which inflates the cold start, so a run with stale plugins says so instead of reporting
 * a misleading figure.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readToolIndex } from '../../src/platform/tool-index.js';
import { ROOT } from './servers.js';

export function stalePlugins(): string[] {
  const source = path.join(ROOT, 'plugins');
  const index = readToolIndex(path.join(ROOT, 'dist', 'plugins'), ROOT);
  return readdirSync(source, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(source, entry.name, 'tool.ts')))
    .map((entry) => entry.name)
    .filter((name) => {
      const compiled = path.join(ROOT, 'dist', 'plugins', name, 'tool.js');
      return !existsSync(compiled) || statSync(compiled).mtimeMs < statSync(path.join(source, name, 'tool.ts')).mtimeMs || !index.has(compiled);
    });
}
