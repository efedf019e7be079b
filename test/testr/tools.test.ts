/** The five Testr tools through a real MCP client: metadata, results, errors, lazy loading. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { ROOT } from '../helpers/stdio.js';
import { removeDir, SIGNUP_STEPS, tempDataDir } from './helpers.js';

const TESTR_TOOLS = ['create-test-definition', 'get-test-definition', 'get-test-run-status', 'list-test-definitions', 'start-test-run'];

let harness: Harness;
let tools: Map<string, Tool>;

beforeAll(async () => {
  harness = await startHarness({ env: { TESTR_CREDITS: '7', CHROMIUM_PATH: '/nonexistent/chromium' } });
  tools = new Map((await harness.client.listTools()).tools.map((tool) => [tool.name, tool]));
});
afterAll(() => harness.close());

describe('Testr tool metadata', () => {
  it.each(TESTR_TOOLS)('%s has a title, a templated description, all four hints and an output schema', (name) => {
    const tool = tools.get(name);
    expect(tool).toBeDefined();
    expect(tool?.title).toBeTruthy();
    expect(tool?.description?.length).toBeGreaterThanOrEqual(40);
    expect(tool?.description?.length).toBeLessThanOrEqual(2048);
    expect(tool?.description).toContain('Use this tool when you need to:');
    expect(tool?.description).toMatch(/Limits:/);
    expect(tool?.description).toMatch(/Example: "/);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
      expect(typeof tool?.annotations?.[hint]).toBe('boolean');
    }
    expect(tool?.outputSchema?.type).toBe('object');
    expect(Object.keys(tool?.outputSchema?.properties ?? {}).length).toBeGreaterThan(1);
  });

  it('states each safety profile truthfully', () => {
    const hints = (name: string) => tools.get(name)?.annotations;
    expect(hints('start-test-run')).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true });
    expect(hints('create-test-definition')).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
    for (const name of ['list-test-definitions', 'get-test-definition', 'get-test-run-status']) {
      expect(hints(name)).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true });
    }
  });

  it('advertises camelCase arguments, ids as integers', () => {
    expect(Object.keys(tools.get('create-test-definition')?.inputSchema.properties ?? {}).sort()).toEqual(
      ['description', 'explorerPrompt', 'maxCreditSpend', 'name', 'steps', 'targetUrl', 'testType'],
    );
    expect(tools.get('create-test-definition')?.inputSchema.required?.sort()).toEqual(['name', 'targetUrl', 'testType']);
    expect(Object.keys(tools.get('list-test-definitions')?.inputSchema.properties ?? {}).sort()).toEqual(['page', 'pageSize', 'search']);
    expect(tools.get('start-test-run')?.inputSchema.properties?.testDefinitionId).toMatchObject({ type: 'integer' });
    expect(tools.get('get-test-run-status')?.inputSchema.properties?.testRunId).toMatchObject({ type: 'integer' });
    expect(tools.get('get-test-definition')?.inputSchema.properties?.id).toMatchObject({ type: 'integer' });
  });
});

describe('Testr tools over MCP', () => {
  let definitionId: number;

  it('create → get → list', async () => {
    const created = await harness.call('create-test-definition', { name: 'Sign-up works', targetUrl: 'http://127.0.0.1:9/demo/', testType: 'step', steps: SIGNUP_STEPS });
    expect(created.isError).toBeFalsy();
    definitionId = (created.structuredContent as { testDefinitionId: number }).testDefinitionId;
    expect(harness.text(created)).toContain(`start-test-run with testDefinitionId ${definitionId}`);

    const got = await harness.call('get-test-definition', { id: String(definitionId) });
    expect(got.isError).toBeFalsy();
    expect(got.structuredContent).toMatchObject({ testDefinition: { id: definitionId, total_steps: 5, is_active: true }, stepDefinitions: expect.any(Array) });
    expect(harness.text(got)).toContain('5. verify the welcome message _(verification)_');

    const listed = await harness.call('list-test-definitions', { search: 'sign-up', pageSize: '5' });
    expect(tools.get('create-test-definition')?.inputSchema.properties?.steps).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(listed.structuredContent).toMatchObject({ totalCount: 1, page: 1, pageSize: 5, definitions: [{ id: definitionId, name: 'Sign-up works' }] });
    expect(harness.text(listed)).toMatch(/\| ID \| Name \|/);
  });

  it('accepts steps sent as one block of lines', async () => {
    const created = await harness.call('create-test-definition', { name: 'Lines', targetUrl: 'http://127.0.0.1:9/', testType: 'step', steps: 'navigate to /demo/\n\nverify that "Welcome" is visible\n' });
    expect(created.isError).toBeFalsy();
    const got = await harness.call('get-test-definition', { id: (created.structuredContent as { testDefinitionId: number }).testDefinitionId });
    expect((got.structuredContent as { stepDefinitions: Array<{ step_text: string }> }).stepDefinitions.map((s) => s.step_text)).toEqual([
      'navigate to /demo/',
      'verify that "Welcome" is visible',
    ]);
  });

  it('answers an empty list with what to do', async () => {
    const listed = await harness.call('list-test-definitions', { search: 'no such test' });
    expect(listed.structuredContent).toMatchObject({ totalCount: 0, definitions: [] });
    expect(harness.text(listed)).toContain('create-test-definition');
  });

  it.each([
    ['create-test-definition', { name: '', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: ['navigate to /'] }, /name must not be empty/],
    ['create-test-definition', { name: 'x', targetUrl: 'file:///etc/passwd', testType: 'step', steps: ['navigate to /'] }, /targetUrl.*only http and https/],
    ['create-test-definition', { name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: [] }, /at least one non-empty step/],
    ['create-test-definition', { name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: ['juggle three balls'] }, /Step 1.*juggle three balls[\s\S]*click the "Sign Up" button/],
    ['create-test-definition', { name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'explorer', maxCreditSpend: 5 }, /explorerPrompt/],
    ['create-test-definition', { name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'explorer', explorerPrompt: 'go' }, /maxCreditSpend/],
    ['create-test-definition', { name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'explorer', explorerPrompt: 'go', maxCreditSpend: 0 }, /maxCreditSpend/],
    ['create-test-definition', { name: 'x', targetUrl: 'http://127.0.0.1/', testType: 'manual' }, /testType/],
    ['get-test-definition', { id: 424242 }, /Test definition not found[\s\S]*list-test-definitions/],
    ['start-test-run', { testDefinitionId: 424242 }, /Test definition not found[\s\S]*list-test-definitions/],
    ['get-test-run-status', { testRunId: 424242 }, /Test run 424242 was not found/],
    ['list-test-definitions', { pageSize: 500 }, /pageSize/],
  ])('%s refuses %j', async (name, args, message) => {
    const result = await harness.call(name, args);
    expect(result.isError).toBe(true);
    expect(harness.text(result)).toMatch(message);
    expect(harness.text(result)).not.toMatch(/\n\s+at /);
  });

  it('starts a run, reports it, and refuses what the balance cannot cover', async () => {
    const started = await harness.call('start-test-run', { testDefinitionId: definitionId });
    expect(started.isError).toBeFalsy();
    const run = started.structuredContent as { testRunId: number; status: string };
    expect(started.structuredContent).toMatchObject({ status: expect.stringMatching(/running|pending/), name: 'Sign-up works', testType: 'step', totalSteps: 5 });
    expect(harness.text(started)).toContain('get-test-run-status');

    const again = await harness.call('start-test-run', { testDefinitionId: definitionId });
    expect(again.isError).toBe(true);
    expect(harness.text(again)).toContain('Insufficient credits. Required: 5, Available: 2');

    // CHROMIUM_PATH points nowhere, so the run fails without a step and gives every credit back.
    await harness.app.container.cradle.testr.idle();
    const status = await harness.call('get-test-run-status', { testRunId: run.testRunId });
    expect(status.isError).toBeFalsy();
    const report = status.structuredContent as { steps: Array<{ status: string }>; error: string };
    expect(report).toMatchObject({ id: run.testRunId, status: 'failed', credits_used: 0, credits_remaining: 7 });
    expect(report.steps.every((step) => step.status === 'skipped')).toBe(true);
    expect(report.error).toMatch(/CHROMIUM_PATH|Chromium/);
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
