/**
 * Discovers tools: every `<dir>/<name>/tool.ts|js` in the package's plugins/ folder and in each
 * PLUGIN_DIRS folder. A compiled copy (dist/plugins/<name>/tool.js) is used when it is at least as
 * new as the source; otherwise the TypeScript file loads at runtime through tsx, so dropping a
 * folder in and restarting is all it takes. A plugin that fails is logged and skipped. Compiled
 * built-in plugins that the tool index (tool-index.ts) still describes are listed from it and
 * imported on first use.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { AnyToolDefinition } from './define-tool.js';
import type { Logger } from './logger.js';
import { packageRoot, runningFromSource } from './package-info.js';
import { validatePluginShape, type ShapeCheck } from './plugin-shape.js';
import { readToolIndex, type ToolIndexEntry } from './tool-index.js';
import { CUSTOM_TOOLSET } from './toolsets.js';
import { fastGlob as fg } from './vendor.js';
import { compareNames } from './name-order.js';

export interface LoadedTool {
  name: string;
  /** The file the tool was (or will be) loaded from. */
  file: string;
  /** Imported and checked at start-up; absent for a tool listed from the tool index until first use. */
  definition?: AnyToolDefinition;
  /** From the tool index: exactly what tools/list says of the tool. */
  listing?: Tool;
  /** Its toolset (`custom` when the definition names none). */
  toolset: string;
  /** Its readOnlyHint (READ_ONLY serves only these). */
  readOnly: boolean;
}

export interface PluginFailure {
  file: string;
  reason: string;
}

export interface DiscoveryResult {
  tools: LoadedTool[];
  failures: PluginFailure[];
}

const mtime = (file: string) => statSync(file).mtimeMs;

export const PLUGIN_GLOB_OPTIONS = { absolute: true, onlyFiles: true } as const;

/** The fast-glob pattern of a folder's plugin files (the build warms the vendor bundle's code cache with it). */
export const pluginPattern = (glob: Pick<typeof fg, 'convertPathToPattern'>, dir: string) => `${glob.convertPathToPattern(dir)}/*/tool.{ts,js}`;

/** One entry per plugin folder: the file to load (compiled copy or source). */
async function pluginFiles(dir: string, compiledDir: string | undefined): Promise<string[]> {
  // Synchronous: nothing else runs at start-up, and the first async walk costs about 5 ms more.
  const found = fg.sync(pluginPattern(fg, dir), PLUGIN_GLOB_OPTIONS);
  const byFolder = new Map<string, string[]>();
  for (const file of found) {
    const folder = path.dirname(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  const chosen: string[] = [];
  for (const [folder, files] of byFolder) {
    const source = files.find((f) => f.endsWith('.ts'));
    const localJs = files.find((f) => f.endsWith('.js'));
    const compiled = compiledDir && source ? path.join(compiledDir, path.basename(folder), 'tool.js') : undefined;
    // One stat per file (start-up pays this for every plugin folder).
    const stamped = [compiled, localJs].flatMap((file) => {
      const ms = file === undefined ? undefined : mtimeIfExists(file);
      return ms === undefined ? [] : [{ file: file!, ms }];
    });
    const newestJs = stamped.sort((a, b) => b.ms - a.ms)[0];
    chosen.push(newestJs && (!source || newestJs.ms >= mtime(source)) ? newestJs.file : (source as string));
  }
  return chosen.sort();
}

const mtimeIfExists = (file: string): number | undefined => statSync(file, { throwIfNoEntry: false })?.mtimeMs;

let tsLoaderReady: Promise<void> | undefined;

/** Plain Node cannot import .ts; register tsx's loader once, only when a .ts plugin needs it. */
async function ensureTypeScriptLoader(): Promise<void> {
  if (runningFromSource()) return; // Jest or tsx already transpile TypeScript.
  tsLoaderReady ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return tsLoaderReady;
}

async function importTool(file: string): Promise<unknown> {
  if (file.endsWith('.ts')) await ensureTypeScriptLoader();
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return module.default;
}

/** Imports one plugin file and checks its shape; never throws. */
export async function loadPlugin(file: string): Promise<ShapeCheck> {
  let value: unknown;
  try {
    value = await importTool(file);
  } catch (error) {
    return { ok: false, reason: `failed to load: ${(error as Error).message.split('\n')[0]}` };
  }
  return validatePluginShape(value, path.basename(path.dirname(file)));
}

/** A tool from the index as it stands, or imported and checked. */
async function describePlugin(file: string, index: Map<string, ToolIndexEntry>): Promise<LoadedTool | { reason: string }> {
  const indexed = index.get(file);
  if (indexed) return { name: indexed.name, file, listing: indexed.listing, toolset: indexed.toolset, readOnly: indexed.listing.annotations?.readOnlyHint === true };
  const checked = await loadPlugin(file);
  if (!checked.ok) return { reason: checked.reason };
  const { definition } = checked;
  return { name: definition.name, file, definition, toolset: definition.toolset ?? CUSTOM_TOOLSET, readOnly: definition.annotations.readOnlyHint };
}

export interface DiscoveryOptions {
  /** Folders scanned in order; the package's plugins/ folder comes first by default. */
  dirs?: string[];
  extraDirs?: string[];
  logger: Logger;
}

export function defaultPluginDir(): string {
  return path.join(packageRoot(), 'plugins');
}

export async function discoverTools(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const root = packageRoot();
  const builtin = defaultPluginDir();
  const dirs = [...(options.dirs ?? [builtin]), ...(options.extraDirs ?? [])];
  const tools: LoadedTool[] = [];
  const failures: PluginFailure[] = [];
  const seen = new Map<string, string>();
  const skip = (file: string, reason: string) => {
    failures.push({ file, reason });
    options.logger.error(`Skipped plugin ${file}: ${reason}`, { file });
  };

  for (const dir of dirs) {
    const compiledDir = path.resolve(dir) === builtin && !runningFromSource() ? path.join(root, 'dist', 'plugins') : undefined;
    const index = compiledDir ? readToolIndex(compiledDir, root) : new Map<string, ToolIndexEntry>();
    const files = await pluginFiles(dir, compiledDir);
    // One at a time: module evaluation is single-threaded anyway, and Jest's ESM loader races
    // when sibling imports share dependencies.
    for (const file of files) {
      const found = await describePlugin(file, index);
      if ('reason' in found) {
        skip(file, found.reason);
        continue;
      }
      const previous = seen.get(found.name);
      if (previous) {
        skip(file, `a tool named "${found.name}" is already loaded from ${previous}; rename one of the folders`);
        continue;
      }
      seen.set(found.name, file);
      tools.push(found);
    }
  }
  tools.sort((a, b) => compareNames(a.name, b.name));
  return { tools, failures };
}
