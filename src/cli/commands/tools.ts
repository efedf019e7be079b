/** `testio-mcp tools [--json]`: the enabled tools after filtering (name, toolset, title). */
import { COMPOSITION } from '../../areas.js';
import { createApp } from '../../platform/app.js';
import type { Runtime } from '../runtime.js';

export async function listTools(runtime: Runtime, json: boolean): Promise<number> {
  const app = await createApp({ ...COMPOSITION, config: runtime.config, logger: runtime.logger });
  try {
    const toolsets = new Map(app.tools.map((tool) => [tool.name, tool.toolset]));
    const rows = app.registry.listings().map(({ name, title, annotations }) => {
      const { title: _listed, ...hints } = annotations ?? {};
      return { name, title: title ?? name, toolset: toolsets.get(name) ?? 'custom', annotations: hints };
    });
    if (json) {
      console.log(JSON.stringify(rows, null, 2));
    } else {
      const width = Math.max(...rows.map((r) => r.name.length), 4);
      const setWidth = Math.max(...rows.map((r) => r.toolset.length), 7);
      for (const row of rows) console.log(`${row.name.padEnd(width)}  ${row.toolset.padEnd(setWidth)}  ${row.title}`);
    }
    return 0;
  } finally {
    await app.close(0);
  }
}
