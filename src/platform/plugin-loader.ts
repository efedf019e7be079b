/**
 * Discovers tools: every `<dir>/<name>/tool.ts|js` in the package's plugins/ folder and in each
 * PLUGIN_DIRS folder. A compiled copy (dist/plugins/<name>/tool.js) is used when it is at least as
 * new as the source; otherwise the TypeScript file loads at runtime through tsx, so dropping a
 * folder in and restarting is all it takes. A plugin that fails is logged and skipped.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';
import type { AnyToolDefinition } from './define-tool.js';
import type { Logger } from './logger.js';
import { packageRoot, runningFromSource } from './package-info.js';
import { validatePluginShape } from './plugin-shape.js';

export interface LoadedTool {
  definition: AnyToolDefinition;
  /** The file the tool was loaded from. */
  file: string;
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

/** One entry per plugin folder: the file to load (compiled copy or source). */
async function pluginFiles(dir: string, compiledDir: string | undefined): Promise<string[]> {
  const found = await fg(`${fg.convertPathToPattern(dir)}/*/tool.{ts,js}`, { absolute: true, onlyFiles: true });
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
    const candidates = [compiled, localJs].filter((f): f is string => Boolean(f) && exists(f as string));
    const newestJs = candidates.sort((a, b) => mtime(b) - mtime(a))[0];
    chosen.push(newestJs && (!source || mtime(newestJs) >= mtime(source)) ? newestJs : (source as string));
  }
  return chosen.sort();
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}

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

  for (const dir of dirs) {
    const compiledDir = path.resolve(dir) === builtin && !runningFromSource() ? path.join(root, 'dist', 'plugins') : undefined;
    const files = await pluginFiles(dir, compiledDir);
    // One at a time: module evaluation is single-threaded anyway, and Jest's ESM loader races
    // when sibling imports share dependencies.
    const loaded: Array<{ file: string; value?: unknown; error?: Error }> = [];
    for (const file of files) {
      try {
        loaded.push({ file, value: await importTool(file) });
      } catch (error) {
        loaded.push({ file, error: error as Error });
      }
    }
    for (const entry of loaded) {
      const folderName = path.basename(path.dirname(entry.file));
      const failure = (reason: string) => {
        failures.push({ file: entry.file, reason });
        options.logger.error(`Skipped plugin ${entry.file}: ${reason}`, { file: entry.file });
      };
      if (entry.error) {
        failure(`failed to load: ${entry.error.message.split('\n')[0]}`);
        continue;
      }
      const checked = validatePluginShape(entry.value, folderName);
      if (!checked.ok) {
        failure(checked.reason);
        continue;
      }
      const previous = seen.get(checked.definition.name);
      if (previous) {
        failure(`a tool named "${checked.definition.name}" is already loaded from ${previous}; rename one of the folders`);
        continue;
      }
      seen.set(checked.definition.name, entry.file);
      tools.push({ definition: checked.definition, file: entry.file });
    }
  }
  tools.sort((a, b) => a.definition.name.localeCompare(b.definition.name));
  return { tools, failures };
}
