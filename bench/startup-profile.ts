/**
 * `node dist/bench/startup-profile.js`: where the cold start goes. Spawns the built server with
 * --cpu-prof, waits for the tools/list answer, closes stdin, then sums the profile's samples by
 * package (node_modules/<pkg>) or project folder, and counts the modules loaded per package.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, ROOT } from './lib/servers.js';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** "node_modules/zod" → "zod"; project files → their top two folders; node internals → "(node)". */
export function bucketOf(url: string): string {
  if (!url) return '(vm / gc / idle)';
  if (url.startsWith('node:')) return '(node internals)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const rel = path.relative(ROOT, file).split(path.sep);
  return rel.slice(0, rel[0] === 'dist' ? 3 : 2).join('/');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'testio-cpuprof-'));
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100', CLI],
    env: { PATH: process.env.PATH ?? '', HOME: dir, TESTR_DATA_DIR: dir, LOG_LEVEL: 'WARNING', TESTIO_CUSTOMER_API_TOKEN: 'profile-token' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'startup-profile', version: '0.0.0' });
  await client.connect(transport);
  await client.listTools();
  const ms = performance.now() - started;
  await client.close();
  await new Promise((resolve) => setTimeout(resolve, 500));

  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no profile written');
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
  rmSync(dir, { recursive: true, force: true });

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const modules = new Map<string, Set<string>>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const url = node?.callFrame.url ?? '';
    const bucket = node?.callFrame.functionName === '(idle)' ? '(idle)' : bucketOf(url);
    self.set(bucket, (self.get(bucket) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  for (const node of profile.nodes) {
    const url = node.callFrame.url;
    if (!url || url.startsWith('node:')) continue;
    const bucket = bucketOf(url);
    if (!modules.has(bucket)) modules.set(bucket, new Set());
    modules.get(bucket)!.add(url);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`spawn → tools/list: ${ms.toFixed(0)} ms (profiled, so slower than unprofiled); profile covers ${total.toFixed(0)} ms until exit\n`);
  console.log('self time by package or folder (ms), with the number of its files seen executing:');
  for (const [bucket, t] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${t.toFixed(1).padStart(8)}  ${bucket}${modules.get(bucket) ? ` (${modules.get(bucket)!.size} files)` : ''}`);
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).stack ?? String(error));
  process.exit(1);
});
