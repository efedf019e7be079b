import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Harness } from '../helpers/harness.js';
import { startToolHarness, TESTIO_TOOLS, TESTIO_WRITE_TOOLS } from './tool-harness.js';

// Tools that never leave the process: static data or the local cache.
const CLOSED_WORLD = ['get_valid_bug_filters', 'get_cache_stats', 'clear_cache'];

describe('the TestIO tools as a client sees them', () => {
  let h: Harness;
  let tools: Map<string, Tool>;
  beforeAll(async () => {
    h = await startToolHarness();
    tools = new Map((await h.client.listTools()).tools.map((t) => [t.name, t]));
  });
  afterAll(() => h.close());

  it('lists all ten', () => {
    expect(TESTIO_TOOLS.filter((name) => !tools.has(name))).toEqual([]);
  });

  it.each(TESTIO_TOOLS)('%s follows the description template and states truthful hints', (name) => {
    const tool = tools.get(name)!;
    expect(tool.title).toMatch(/^[A-Z]/);
    const d = tool.description!;
    expect(d.length).toBeGreaterThanOrEqual(40);
    expect(d.length).toBeLessThanOrEqual(2048);
    expect(d).toMatch(/^[^\n]+\n\nUse this tool when you need to:\n(- [^\n]+\n)+\nLimits: [^\n]+\n\nExample: "[^"]+"$/);
    expect(tool.outputSchema).toBeDefined();
    expect(tool.annotations).toEqual({
      title: tool.title,
      readOnlyHint: name !== 'clear_cache',
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: !CLOSED_WORLD.includes(name),
    });
  });

  it.each(TESTIO_WRITE_TOOLS)('%s (a write tool) is off by default, follows the template and states honest hints', async (name) => {
    expect(tools.has(name)).toBe(false);
    const writer = await startToolHarness({ sandbox: true, env: { TESTIO_WRITE_TOOLS: 'true' } });
    try {
      const tool = (await writer.client.listTools()).tools.find((t) => t.name === name)!;
      expect(tool.description).toMatch(/^[^\n]+\n\nUse this tool when you need to:\n(- [^\n]+\n)+\nLimits: [^\n]+\n\nExample: "[^"]+"$/);
      expect(tool.description).toMatch(/confirm/);
      // Only creating a test adds something new (not destructive) and repeats do not collapse into one (not idempotent).
      const creates = name === 'create_exploratory_test';
      expect(tool.annotations).toEqual({ title: tool.title, readOnlyHint: false, destructiveHint: !creates, idempotentHint: !creates, openWorldHint: true });
      expect(tool.inputSchema.properties).toHaveProperty('confirmation');
    } finally {
      await writer.close();
    }
  });

  it('advertises ids as integers and enums with their choices', () => {
    const props = (name: string) => tools.get(name)!.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(props('get_test_status').test_id).toMatchObject({ type: 'integer' });
    expect(props('list_tests').product_id).toMatchObject({ type: 'integer' });
    expect(props('get_test_bugs').severity).toMatchObject({ enum: ['low', 'high', 'critical', 'all'] });
    expect(props('generate_status_report').format).toMatchObject({ enum: ['markdown', 'text', 'json'], default: 'markdown' });
    expect(props('get_test_activity_by_timeframe').date_field).toMatchObject({ enum: ['start_at', 'end_at', 'any'], default: 'start_at' });
    expect(JSON.stringify(props('list_tests').statuses)).toContain('customer_finalized');
  });
});

describe('the TestIO tools without a token', () => {
  it.each([
    ['get_test_status', { test_id: 109363 }],
    ['list_products', {}],
    ['generate_status_report', { test_ids: [109363, 109364] }],
    ['get_test_activity_by_timeframe', { product_ids: [25073], start_date: 'last 30 days' }],
    ['accept_bug', { bug_id: 4210 }],
    ['launch_exploratory_test', { test_id: 109363 }],
  ])('%s says TESTIO_CUSTOMER_API_TOKEN is not set', async (name, args) => {
    const h = await startToolHarness({ env: { TESTIO_CUSTOMER_API_BASE_URL: 'http://127.0.0.1:9/customer/v2', TESTIO_WRITE_TOOLS: 'true' } });
    try {
      const result = await h.call(name, args);
      expect(result.isError).toBe(true);
      expect(h.text(result)).toMatch(/TESTIO_CUSTOMER_API_TOKEN/);
    } finally {
      await h.close();
    }
  });
});
