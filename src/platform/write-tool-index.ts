/**
 * The last step of `npm run build`: writes dist/plugins/tool-index.json from the compiled built-in
 * plugins (see tool-index.ts). A plugin that fails its checks is left out of the index, so the
 * server imports it at start-up and reports the problem there, as for any other plugin.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import { packageRoot } from './package-info.js';
import { loadPlugin } from './plugin-loader.js';
import { fingerprintOf, TOOL_INDEX_FILE, type ToolIndexDocument, type ToolIndexEntry } from './tool-index.js';
import { toolListing } from './tool-listing.js';
import { CUSTOM_TOOLSET } from './toolsets.js';
import { compareNames } from './name-order.js';

export interface ToolIndexReport {
  indexed: string[];
  /** `folder/tool.js: reason` for each plugin left out. */
  leftOut: string[];
}

/** Static relative imports and re-exports of compiled ESM (`import type` is gone by then). */
const RELATIVE_IMPORT = /(?:^|[\s;])(?:import|export)\s*(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g;

/** The files `entries` load, themselves included, following relative imports; sorted. */
export function importGraph(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    // A match inside a string that names no file is not an import.
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) pending.push(path.resolve(path.dirname(file), match[1]));
  }
  return [...seen].sort();
}

const portable = (from: string, file: string) => path.relative(from, file).split(path.sep).join('/');

export async function writeToolIndex(compiledDir: string, root = packageRoot()): Promise<ToolIndexReport> {
  const files = (await fg(`${fg.convertPathToPattern(compiledDir)}/*/tool.js`, { absolute: true, onlyFiles: true })).sort();
  const entries: ToolIndexEntry[] = [];
  const leftOut: string[] = [];
  for (const file of files) {
    const checked = await loadPlugin(file);
    if (!checked.ok) {
      leftOut.push(`${portable(compiledDir, file)}: ${checked.reason}`);
      continue;
    }
    entries.push({ name: checked.definition.name, file: portable(compiledDir, file), listing: toolListing(checked.definition), toolset: checked.definition.toolset ?? CUSTOM_TOOLSET });
  }
  const sources = importGraph(entries.map((e) => path.join(compiledDir, e.file))).map((file) => portable(root, file));
  const document: ToolIndexDocument = {
    format: 3,
    files: sources,
    fingerprint: fingerprintOf(root, sources),
    entries: entries.sort((a, b) => compareNames(a.name, b.name)),
  };
  writeFileSync(path.join(compiledDir, TOOL_INDEX_FILE), `${JSON.stringify(document)}\n`);
  return { indexed: entries.map((e) => e.name), leftOut };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { indexed, leftOut } = await writeToolIndex(path.join(packageRoot(), 'dist', 'plugins'));
  process.stderr.write(`tool index: ${indexed.length} tools${leftOut.length ? `; left out: ${leftOut.join('; ')}` : ''}\n`);
}
