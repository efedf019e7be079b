/**
 * Heavy modules load only for the calls that need them: the built stdio server, after its
 * warm-up and a pure TestIO workload, has loaded no Kysely, no database driver and none of the
 * analytics or Testr store, sync, query, metrics and report engines; the first analytics call
 * loads them and answers. The child records every module it loads (an --import hook registering
 * a loader that appends each URL to a file), so the test reads what really loaded.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { MIXED_CALLS } from '../../bench/lib/mix.js';
import { assertBuilt, childEnv, CLI } from '../helpers/stdio.js';
import { useSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/until.js';

const LOADER = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LOADED_MODULES_FILE, url + '\\n');
  return next(url, context);
}`;
const RECORD_LOADS = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(LOADER)}));`;

/** Module URLs the pure TestIO path must not load. */
const HEAVY = [
  /\/node_modules\/(kysely|better-sqlite3|pg|pg-boss)\//,
  /\/dist\/src\/analytics\/(store\/(open-store|upsert|migrations)|sync\/sync-(tenant|product)|queries\/service|metrics\/(aggregate|query-metrics)|report\/quality-report)\.js$/,
  /\/dist\/src\/testr\/store\/(database|index|connection)\.js$/,
  /\/dist\/src\/platform\/sqlite-transaction\.js$/,
];
const heavyIn = (urls: string[]) => urls.filter((url) => HEAVY.some((pattern) => pattern.test(url)));

/** A product of the sandbox with few tests, so its sync is quick. */
const SMALL_PRODUCT = 25088;

const sandbox = useSandbox();
let dir: string;
let client: Client;

const loaded = () => readFileSync(path.join(dir, 'loaded.txt'), 'utf8').split('\n').filter(Boolean);
const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 })) as CallToolResult;

beforeAll(async () => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'lazy-modules-'));
  const env = childEnv({
    LOADED_MODULES_FILE: path.join(dir, 'loaded.txt'),
    TESTIO_CUSTOMER_API_BASE_URL: sandbox().baseUrl,
    TESTIO_CUSTOMER_API_TOKEN: sandbox().token,
    TESTIO_DATA_DIR: path.join(dir, 'analytics'),
    TESTR_DATA_DIR: path.join(dir, 'testr'),
    LOG_LEVEL: 'WARNING',
  });
  const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', `data:text/javascript,${encodeURIComponent(RECORD_LOADS)}`, CLI], env, cwd: '/', stderr: 'pipe' });
  client = new Client({ name: 'lazy-modules-test', version: '0.0.0' });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('heavy modules', () => {
  it('are not loaded by the start-up, the warm-up or TestIO calls', async () => {
    const { tools: served } = await client.listTools();
    for (const { name, args } of MIXED_CALLS) expect((await call(name, args)).isError).toBeFalsy();
    // The warm-up ends by importing every served tool's module (plugins/<name>/tool.js): wait for all of them.
    const tools = served.map((tool) => `/dist/plugins/${tool.name}/tool.js`);
    expect(tools.length).toBeGreaterThan(20);
    await until(async () => (tools.every((tool) => loaded().some((url) => url.endsWith(tool))) ? true : undefined), 30_000, 'the warm-up to import every tool');
    expect(loaded().some((url) => url.includes('/dist/src/testio/services/'))).toBe(true);
    expect(heavyIn(loaded())).toEqual([]);
  }, 60_000);

  it('load with the first analytics call, which answers', async () => {
    const synced = await call('sync_data', { product_ids: [SMALL_PRODUCT] });
    expect(synced.isError).toBeFalsy();
    const bugs = await call('list_bugs', { product_ids: [SMALL_PRODUCT], page_size: 5 });
    expect(bugs.isError).toBeFalsy();
    expect((bugs.structuredContent as { matching_bugs: number }).matching_bugs).toBe(sandbox().data.bugs.filter((b) => b.product.id === SMALL_PRODUCT).length);
    const heavy = heavyIn(loaded()).join('\n');
    expect(heavy).toMatch(/\/node_modules\/kysely\//);
    expect(heavy).toMatch(/\/node_modules\/better-sqlite3\//);
    expect(heavy).toMatch(/\/analytics\/queries\/service\.js/);
  }, 120_000);
});
