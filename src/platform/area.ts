/**
 * An area (TestIO, Testr, later the analytics store...) is one module that gives the platform
 * everything it needs from it: settings, lazily registered services, server instructions,
 * resources and prompts, warm-up. The composition root (src/areas.ts) lists the areas and the
 * entry points hand that list to createApp; the platform never imports an area (ESLint enforces
 * it), so adding an area touches no platform file.
 *
 * Typing: an area adds its tool-facing services to `AreaCradle` (context.ts) and its settings'
 * keys to `Config` (config.ts) by declaration merging, in the area's own files.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AwilixContainer } from 'awilix';
import type { Caller } from './caller.js';
import type { SettingSpec } from './config.js';
import type { ToolContext } from './context.js';
import type { ToolsetSpec } from './toolsets.js';

/** What the platform passes an area for each server it builds (one per connection, or per request). */
export interface AreaServer {
  mcp: McpServer;
  /** The tools this server serves (after ENABLED_/DISABLED_TOOLS and the caller's own list). */
  tools: ReadonlySet<string>;
  caller: Caller;
  /** The caller's context with every area's services registered: for resource reads and prompts. */
  context(): Promise<ToolContext>;
}

export interface Area {
  name: string;
  /** This area's entries of the settings table (merged by the composition root). */
  settings: readonly SettingSpec[];
  /** The toolsets this area's tools name (TOOLSETS; see toolsets.ts). */
  toolsets?: readonly ToolsetSpec[];
  /** Lines of the server instructions (merged in area order). */
  instructions?: string;
  /**
   * Registers the area's services into the app container, once per process, on the first call
   * (or the warm-up). Import the service modules dynamically here: start-up must not load them.
   * Registrations that depend on the caller are `.scoped()` and read `caller` from the caller's
   * scope (made once per caller): they may depend on `caller` and singletons, not on a call's values.
   */
  register(container: AwilixContainer): Promise<void>;
  /** Per server, so keep it cheap: resources and prompts. Nothing is loaded until they are used. */
  registerServer?(server: AreaServer): void;
  /** Background preloading after the handshake, services registered; `caller` is the local one. */
  warmUp?(container: AwilixContainer, caller: Caller): void | Promise<void>;
}

/** The areas' settings tables after the platform's, in area order. */
export function mergeSettings(platform: readonly SettingSpec[], areas: readonly Area[]): SettingSpec[] {
  const merged = [...platform, ...areas.flatMap((area) => area.settings)];
  const seen = new Set<string>();
  for (const setting of merged) {
    if (seen.has(setting.key)) throw new Error(`Setting ${setting.key} is declared twice (check the areas' settings tables).`);
    seen.add(setting.key);
  }
  return merged;
}

export function mergeInstructions(intro: string, areas: readonly Area[]): string {
  return [intro, ...areas.flatMap((area) => (area.instructions ? [area.instructions] : []))].join('\n');
}
