/**
 * `node dist/bench/startup-phases.js`: the cold start split into import phases, each measured in
 * fresh processes (median of 7), so a lazy-loading change can be aimed at the phase that costs.
 * Each phase imports only what earlier phases did not, in the order the server loads them.
 * winston, undici and cacheable are not phases: they load after the first tools/list answer
 * (first log line written, first API request or the post-handshake warm-up, first cache access).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/servers.js';
import { median } from './lib/stats.js';

const dist = (file: string) => pathToFileURL(path.join(ROOT, 'dist', file)).href;

/** Phase name → what it imports or runs. */
const PHASES: Array<[string, () => Promise<unknown>]> = [
  ['MCP SDK server + stdio + zod (the baseline pays this too)', () => Promise.all([import('@modelcontextprotocol/sdk/server/mcp.js'), import('@modelcontextprotocol/sdk/server/stdio.js'), import('zod')])],
  ['CLI args, config, logger modules', () => Promise.all([import(dist('src/cli/args.js')), import(dist('src/cli/runtime.js'))])],
  ['plugin loader, awilix and fast-glob (one bundled file when built)', () => import(dist('src/platform/plugin-loader.js'))],
  ['awilix (already loaded with the bundle when built)', () => import('awilix')],
  ['platform app and registry (the services load on first use)', () => import(dist('src/platform/app.js'))],
  [
    'createApp: discover plugins (listed from the tool index), register tools',
    async () => {
      const { createApp } = (await import(dist('src/platform/app.js'))) as typeof import('../src/platform/app.js');
      const { COMPOSITION, loadConfig } = (await import(dist('src/areas.js'))) as typeof import('../src/areas.js');
      const { createSilentLogger } = (await import(dist('src/platform/logger.js'))) as typeof import('../src/platform/logger.js');
      const app = await createApp({ ...COMPOSITION, config: loadConfig({ env: { TESTR_DATA_DIR: '/tmp/testio-phases' } }), logger: createSilentLogger() });
      (globalThis as { app?: unknown }).app = app;
    },
  ],
  [
    'tools/list answered, no client-side work',
    async () => {
      const { app } = globalThis as unknown as { app: import('../src/platform/app.js').App };
      const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
      const [client, server] = InMemoryTransport.createLinkedPair();
      const { localCaller } = (await import(dist('src/platform/caller.js'))) as typeof import('../src/platform/caller.js');
      await app.connect(server, localCaller());
      const answers = new Map<unknown, () => void>();
      client.onmessage = (message) => answers.get((message as { id?: unknown }).id)?.();
      await client.start();
      const ask = (id: number, method: string, params: Record<string, unknown>) =>
        new Promise<void>((resolve) => {
          answers.set(id, resolve);
          void client.send({ jsonrpc: '2.0', id, method, params });
        });
      await ask(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'phases', version: '0' } });
      await ask(2, 'tools/list', {});
    },
  ],
];

async function child(): Promise<void> {
  const times: number[] = [];
  for (const [, run] of PHASES) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  process.stdout.write(JSON.stringify({ times }));
  process.exit(0);
}

function parent(): void {
  const runs = 7;
  const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [process.argv[1], '--child'], { encoding: 'utf8' })) as { times: number[] });
  const bare = Array.from({ length: runs }, () => Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(performance.now()))'], { encoding: 'utf8' })));
  console.log(`median of ${runs} fresh processes, ms:`);
  console.log(`  ${median(bare).toFixed(1).padStart(7)}  node itself up to the first line of a script`);
  PHASES.forEach(([name], i) => console.log(`  ${median(samples.map((s) => s.times[i])).toFixed(1).padStart(7)}  ${name}`));
}

if (process.argv.includes('--child')) await child();
else parent();
