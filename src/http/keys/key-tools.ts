/**
 * What a key may list and call: its `--tools` and its `--toolsets`, each narrowing inside what the
 * server serves (a key never widens the server). Both given: the tools in both. A toolset the
 * server does not serve (or no longer knows) adds nothing.
 */
import type { App } from '../../platform/app.js';
import type { KeyRecord } from './key-store.js';

export type ToolsetResolver = Pick<App, 'toolsets' | 'toolsForToolsets'>;

export function keyTools(record: Pick<KeyRecord, 'tools' | 'toolsets'>, app: ToolsetResolver): ReadonlySet<string> | undefined {
  const byName = record.tools?.length ? new Set(record.tools) : undefined;
  if (!record.toolsets?.length) return byName;
  const served = new Set(app.toolsets);
  const bySet = app.toolsForToolsets(record.toolsets.filter((name) => served.has(name)));
  return byName ? new Set([...bySet].filter((name) => byName.has(name))) : bySet;
}
