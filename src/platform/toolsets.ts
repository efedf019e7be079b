/**
 * Toolsets and the read-only mode: which discovered tools a server serves, and which a key may use.
 *
 * Every tool names its toolset (`toolset` on its definition; a plugin that names none is in
 * `custom`). The areas declare their toolsets (name, what they hold, whether they are off unless
 * asked for, and a setting that turns them on). The order of the narrowing:
 *   1. TOOLSETS (default: every toolset not off by default), plus each toolset its own setting
 *      turns on (TESTIO_WRITE_TOOLS=true adds testio-write);
 *   2. READ_ONLY=true keeps only tools whose readOnlyHint is true;
 *   3. ENABLED_TOOLS / DISABLED_TOOLS narrow by name, with the refusals of tool-filter.ts; naming in
 *      ENABLED_TOOLS a tool that steps 1-2 excluded is refused too, saying which step and how to fix it.
 * A key's own toolsets (team server) then narrow inside what the server serves (`toolsForKey`).
 */
import { ConfigError, type Config } from './config.js';
import { filterToolNames } from './tool-filter.js';
import { compareNames } from './name-order.js';

export interface ToolsetSpec {
  name: string;
  /** What it holds, for `testio-mcp tools` and the docs. */
  describe: string;
  /** Served only when TOOLSETS names it or `enabledBy` says so. */
  offByDefault?: boolean;
  /** A setting that turns this toolset on whatever TOOLSETS says (e.g. TESTIO_WRITE_TOOLS). */
  enabledBy?: (config: Config) => boolean;
  /** Named in messages: the variable `enabledBy` reads. */
  enabledByVariable?: string;
}

/** The toolset of a plugin that names none (drop-in folders from PLUGIN_DIRS). */
export const CUSTOM_TOOLSET = 'custom';
export const TOOLSET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

const PLATFORM_TOOLSETS: readonly ToolsetSpec[] = [{ name: CUSTOM_TOOLSET, describe: 'Plugins that name no toolset (PLUGIN_DIRS)' }];

/** What the selection needs to know of a tool before importing it. */
export interface CatalogTool {
  name: string;
  toolset: string;
  readOnly: boolean;
}

export interface ToolSelection {
  /** The tools served, by name. */
  names: Set<string>;
  /** The toolsets served (after TOOLSETS and the settings that turn some on), sorted. */
  toolsets: string[];
}

export interface SelectionSettings {
  toolsets?: readonly string[];
  readOnly?: boolean;
  enabledTools?: readonly string[];
  disabledTools?: readonly string[];
}

/** Every toolset name: the declared ones and any a tool names, sorted; specs by name. */
export function knownToolsets(tools: readonly CatalogTool[], specs: readonly ToolsetSpec[]): Map<string, ToolsetSpec> {
  const byName = new Map<string, ToolsetSpec>();
  for (const spec of [...PLATFORM_TOOLSETS, ...specs]) byName.set(spec.name, spec);
  for (const tool of tools) if (!byName.has(tool.toolset)) byName.set(tool.toolset, { name: tool.toolset, describe: `Tools of the ${tool.toolset} toolset` });
  return new Map([...byName].sort(([a], [b]) => compareNames(a, b)));
}

function checkNames(variable: string, names: readonly string[], known: Map<string, ToolsetSpec>): void {
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${variable} names ${unknown.map((n) => `"${n}"`).join(', ')}, which ${unknown.length === 1 ? 'is no toolset' : 'are no toolsets'}. Valid toolsets: ${[...known.keys()].join(', ')}.`,
    );
  }
}

/** Steps 1-3 above, for the server (config is read for the `enabledBy` settings). */
export function selectTools(tools: readonly CatalogTool[], specs: readonly ToolsetSpec[], settings: SelectionSettings, config: Config): ToolSelection {
  const known = knownToolsets(tools, specs);
  if (settings.toolsets) checkNames('TOOLSETS', settings.toolsets, known);
  const chosen = new Set(settings.toolsets ?? [...known.values()].filter((spec) => !spec.offByDefault).map((spec) => spec.name));
  for (const spec of known.values()) if (spec.enabledBy?.(config)) chosen.add(spec.name);

  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const excluded = (tool: CatalogTool): string | undefined => {
    if (!chosen.has(tool.toolset)) {
      const spec = known.get(tool.toolset);
      const how = spec?.enabledByVariable ? ` or set ${spec.enabledByVariable}=true` : '';
      return `it is in the "${tool.toolset}" toolset, which is not served (served: ${[...chosen].sort().join(', ') || 'none'}); add ${tool.toolset} to TOOLSETS${how}`;
    }
    if (settings.readOnly && !tool.readOnly) return 'READ_ONLY=true serves only read-only tools and this one changes data; unset READ_ONLY to serve it';
    return undefined;
  };

  // Typos and conflicting variables are refused over every discovered tool, as before.
  const named = filterToolNames(tools.map((t) => t.name), settings.enabledTools as string[] | undefined, settings.disabledTools as string[] | undefined);
  if (settings.enabledTools) {
    const refused = settings.enabledTools.map((name) => [name, excluded(byName.get(name)!)] as const).filter(([, why]) => why);
    if (refused.length > 0) throw new ConfigError(`ENABLED_TOOLS names ${refused.map(([name, why]) => `"${name}", but ${why}`).join('; ')}.`);
  }
  const names = new Set(tools.filter((tool) => named.has(tool.name) && !excluded(tool)).map((tool) => tool.name));
  return { names, toolsets: [...chosen].sort() };
}

/**
 * A key's toolsets (`keys add --toolsets`) inside what the server serves: the served tools whose
 * toolset the key names. An unknown toolset name is a ConfigError listing the valid ones; a toolset
 * the server does not serve adds nothing (a key never widens the server).
 */
export function toolsForKey(tools: readonly CatalogTool[], specs: readonly ToolsetSpec[], served: ReadonlySet<string>, keyToolsets: readonly string[]): Set<string> {
  checkNames('--toolsets', keyToolsets, knownToolsets(tools, specs));
  const wanted = new Set(keyToolsets);
  return new Set(tools.filter((tool) => served.has(tool.name) && wanted.has(tool.toolset)).map((tool) => tool.name));
}
