/**
 * ENABLED_TOOLS / DISABLED_TOOLS, applied before registration so filtered tools never reach
 * tools/list. A name that matches no tool is a startup error: a typo should not silently expose
 * or hide tools.
 */
import { ConfigError } from './config.js';

export function filterToolNames(all: string[], enabled?: string[], disabled?: string[]): Set<string> {
  if (enabled && disabled) {
    throw new ConfigError('ENABLED_TOOLS and DISABLED_TOOLS are both set. Set only one of them.');
  }
  const list = enabled ?? disabled;
  const variable = enabled ? 'ENABLED_TOOLS' : 'DISABLED_TOOLS';
  if (!list) return new Set(all);
  const known = new Set(all);
  const unknown = list.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ConfigError(
      `${variable} names ${unknown.map((n) => `"${n}"`).join(', ')}, which match${unknown.length === 1 ? 'es' : ''} no tool. Valid names: ${[...all].sort().join(', ')}.`,
    );
  }
  const chosen = new Set(list);
  return new Set(enabled ? all.filter((name) => chosen.has(name)) : all.filter((name) => !chosen.has(name)));
}
