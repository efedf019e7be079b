/** `testio-mcp tools [--json]`: the enabled tools after filtering. */
import { COMPOSITION } from '../../areas.js';
import { createApp } from '../../platform/app.js';
import type { Runtime } from '../runtime.js';

export async function listTools(runtime: Runtime, json: boolean): Promise<number> {
  const app = await createApp({ ...COMPOSITION, config: runtime.config, logger: runtime.logger });
  try {
    const rows = app.registry.listings().map(({ name, title, annotations }) => {
      const { title: _listed, ...hints } = annotations ?? {};
      return { name, title: title ?? name, annotations: hints };
    });
    if (json) {
      console.log(JSON.stringify(rows, null, 2));
    } else {
      const width = Math.max(...rows.map((r) => r.name.length), 4);
      for (const row of rows) console.log(`${row.name.padEnd(width)}  ${row.title}`);
    }
    return 0;
  } finally {
    await app.close(0);
  }
}
