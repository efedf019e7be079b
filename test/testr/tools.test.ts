/**
 * Checks across the five Testr tools (each tool's behaviour is in plugins/<name>/tool.test.ts):
 * truthful safety hints, the public argument names, and lazy loading of SQLite and the browser.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { ROOT } from '../helpers/stdio.js';
import { removeDir, tempDataDir } from './helpers.js';

const TESTR_TOOLS = ['create-test-definition', 'get-test-definition', 'get-test-run-status', 'list-test-definitions', 'start-test-run'];

describe('Testr tool metadata', () => {
  let harness: Harness;
  let tools: Map<string, Tool>;
  beforeAll(async () => {
    harness = await startHarness();
    tools = new Map((await harness.client.listTools()).tools.map((tool) => [tool.name, tool]));
  });
  afterAll(() => harness.close());

  it.each(TESTR_TOOLS)('%s states its limits and has a structured result with several fields', (name) => {
    expect(tools.get(name)?.description).toMatch(/Limits:/);
    expect(Object.keys(tools.get(name)?.outputSchema?.properties ?? {}).length).toBeGreaterThan(1);
  });

  it('states each safety profile truthfully', () => {
    const hints = (name: string) => tools.get(name)?.annotations;
    expect(hints('start-test-run')).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(hints('create-test-definition')).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    for (const name of ['list-test-definitions', 'get-test-definition', 'get-test-run-status']) {
      expect(hints(name)).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    }
  });

  it('advertises camelCase arguments, ids as UUID strings', () => {
    const properties = (name: string) => tools.get(name)?.inputSchema.properties ?? {};
    expect(Object.keys(properties('create-test-definition')).sort()).toEqual(['description', 'explorerPrompt', 'maxCreditSpend', 'name', 'steps', 'targetUrl', 'testType']);
    expect(tools.get('create-test-definition')?.inputSchema.required?.sort()).toEqual(['name', 'targetUrl', 'testType']);
    expect(properties('create-test-definition').steps).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(Object.keys(properties('list-test-definitions')).sort()).toEqual(['page', 'pageSize', 'search']);
    expect(properties('start-test-run').testDefinitionId).toMatchObject({ type: 'string' });
    expect(properties('get-test-run-status').testRunId).toMatchObject({ type: 'string' });
    expect(properties('get-test-definition').id).toMatchObject({ type: 'string' });
  });
});

describe('lazy loading', () => {
  it('answers tools/list without loading better-sqlite3 or playwright-core; a Testr call loads only SQLite', async () => {
    const dir = tempDataDir();
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/testr/fixtures/lazy-load.ts'), dir], {
        cwd: ROOT,
        timeout: 60_000,
      });
      const probe = JSON.parse(stdout) as { tools: string[]; afterList: string[]; afterCall: string[] };
      expect(probe.tools).toEqual(expect.arrayContaining(TESTR_TOOLS));
      expect(probe.afterList).toEqual([]);
      expect(probe.afterCall).toEqual(['better-sqlite3']);
    } finally {
      removeDir(dir);
    }
  });
});
