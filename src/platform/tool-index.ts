/**
 * The tool index (dist/plugins/tool-index.json, written by `npm run build`): what tools/list says
 * of every compiled built-in plugin. At start-up those plugins are listed from the index and
 * imported on first use (or in the background after the handshake), so the cold start does not pay
 * for importing fifteen plugins and converting their schemas. The index also names every compiled
 * file the listings come from (the plugins and what they import) with one fingerprint over their
 * contents: if any of them changed since the index was written (say `tsc` ran alone), the whole
 * index is ignored and every plugin is imported at start-up as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

export const TOOL_INDEX_FILE = 'tool-index.json';
const FORMAT = 3;

export interface ToolIndexEntry {
  name: string;
  /** The compiled plugin, relative to the compiled plugins folder: `list_tests/tool.js`. */
  file: string;
  listing: Tool;
  /** The tool's toolset (the listing does not carry it). */
  toolset: string;
}

export interface ToolIndexDocument {
  format: typeof FORMAT;
  /** The compiled files the listings depend on, relative to the package root, with `/`. */
  files: string[];
  /** sha256 over those files' contents, in the order listed. */
  fingerprint: string;
  entries: ToolIndexEntry[];
}

/** Throws when a file is missing. */
export function fingerprintOf(root: string, files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

const isEntry = (value: unknown): value is ToolIndexEntry => {
  const entry = value as Partial<ToolIndexEntry> | null;
  return typeof entry?.name === 'string' && typeof entry.file === 'string' && typeof entry.toolset === 'string' && typeof entry.listing === 'object' && entry.listing?.name === entry.name;
};

function isCurrent(document: Partial<ToolIndexDocument>, root: string): document is ToolIndexDocument {
  if (document.format !== FORMAT || !Array.isArray(document.entries) || !Array.isArray(document.files)) return false;
  try {
    return fingerprintOf(root, document.files) === document.fingerprint;
  } catch {
    return false;
  }
}

/**
 * The entries of a compiled plugins folder by absolute file, when the index is there and every file
 * it was written from is unchanged; otherwise empty.
 */
export function readToolIndex(compiledDir: string, root: string): Map<string, ToolIndexEntry> {
  const byFile = new Map<string, ToolIndexEntry>();
  let document: Partial<ToolIndexDocument>;
  try {
    document = JSON.parse(readFileSync(path.join(compiledDir, TOOL_INDEX_FILE), 'utf8')) as Partial<ToolIndexDocument>;
  } catch {
    return byFile;
  }
  if (!isCurrent(document, root)) return byFile;
  for (const entry of document.entries) {
    const file = path.join(compiledDir, entry.file);
    if (isEntry(entry) && path.basename(path.dirname(file)) === entry.name) byFile.set(file, entry);
  }
  return byFile;
}
