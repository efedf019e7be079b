/**
 * Every tool the team server lists (write tools turned on) answers a real call over Streamable
 * HTTP with the SDK client: read tools with data from the sandbox, analytics tools after a
 * sync_data, Testr tools on a real run, write tools with their preview
 * (nothing changes without a confirmation). A tool added later without a case here fails the test.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, startTestServer, type TestServer } from './helpers.js';

type Args = Record<string, unknown>;
type Structured = Record<string, unknown>;

describe('every tool over Streamable HTTP', () => {
  let server: TestServer;
  let client: Client;
  const called = new Set<string>();

  beforeAll(async () => {
    server = await startTestServer({ env: { TESTIO_WRITE_TOOLS: 'true' } });
    ({ client } = await connectClient(server.url));
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  async function call(name: string, args: Args = {}): Promise<Structured> {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    const text = result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
    if (result.isError) throw new Error(`${name} failed: ${text}`);
    expect(text.length).toBeGreaterThan(0);
    called.add(name);
    return (result.structuredContent ?? {}) as Structured;
  }

  it('answers a call to each tool it lists', async () => {
    const listed = (await client.listTools()).tools.map((t) => t.name);

    // TestIO read tools, straight from the sandbox.
    await call('health_check');
    await call('list_products');
    await call('list_tests', { product_id: 25073 });
    await call('get_test_status', { test_id: 109363 });
    await call('get_test_bugs', { test_id: 109363 });
    await call('get_valid_bug_filters');
    await call('generate_status_report', { test_ids: [109363] });
    await call('get_test_activity_by_timeframe', { product_ids: [25073], start_date: 'last 365 days' });
    await call('get_cache_stats');
    await call('clear_cache');

    // Analytics: sync one product, then read it back with ids taken from the answers.
    await call('sync_data', { product_ids: [25073] });
    await call('get_server_diagnostics');
    const summary = await call('get_product_summary', { product_id: 25073 });
    const features = summary.features as { top: Array<{ id: number }> };
    const testers = summary.testers as { top: Array<{ name: string }> };
    const bugs = (await call('list_bugs', { product_ids: [25073] })).bugs as Array<{ id: number }>;
    await call('list_features', { product_id: 25073 });
    await call('list_users', { product_ids: [25073] });
    await call('search', { query: 'login' });
    await call('get_feature_summary', { feature_id: features.top[0]!.id });
    await call('get_user_summary', { user: testers.top[0]!.name });
    await call('get_bug_summary', { bug_id: bugs[0]!.id });
    await call('get_analytics_capabilities');
    await call('query_metrics', { metrics: ['bug_count'], dimensions: ['severity'] });
    await call('generate_quality_report', { product_ids: [25073], start_date: '2020-01-01', end_date: 'today' });

    // Testr: a real run on the sandbox's demo site.
    const targetUrl = `${new URL(server.sandbox.baseUrl).origin}/demo/`;
    const created = await call('create-test-definition', { name: 'Waits a second', targetUrl, testType: 'step', steps: ['wait 1 second'] });
    const definitionId = String(created.testDefinitionId);
    await call('list-test-definitions');
    await call('get-test-definition', { id: definitionId });
    const started = await call('start-test-run', { testDefinitionId: definitionId });
    const testRunId = String(started.testRunId);
    await call('get-test-run-status', { testRunId });
    // cancel-test-run on a run that has already ended is refused naming what happened.
    let status = String((await call('get-test-run-status', { testRunId })).status);
    for (let i = 0; i < 150 && (status === 'pending' || status === 'running'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = String((await call('get-test-run-status', { testRunId })).status);
    }
    expect(status).toBe('completed');
    await expect(call('cancel-test-run', { testRunId })).rejects.toThrow(/already ended \(completed\)/);
    called.add('cancel-test-run');

    // Write tools answer with a preview and a confirmation token; nothing is applied.
    const forwarded = (await call('list_bugs', { product_ids: [25073], statuses: ['forwarded'] })).bugs as Array<{ id: number }>;
    const bugId = forwarded[0]!.id;
    const previews = [
      await call('accept_bug', { bug_id: bugId }),
      await call('reject_bug', { bug_id: bugId, reason: 'intended_behavior', comment: 'Works as designed.' }),
      await call('mark_bug_known', { bug_id: bugId }),
      await call('mark_bug_fixed', { bug_id: bugId }),
      await call('mark_bug_exported', { bug_id: bugId }),
      await call('launch_exploratory_test', { test_id: 109363 }).catch((error: Error) => ({ refused: error.message })),
      await call('create_exploratory_test', {
        product_id: 25073,
        title: 'Checkout smoke test',
        goal: 'Find checkout bugs',
        instructions: 'Buy one item with each payment method.',
        start_at: 'tomorrow',
        duration_hours: 4,
        features: [features.top[0]!.id],
        test_environment: { title: 'Staging', url: 'https://staging.example.com' },
      }),
    ];
    for (const preview of previews.filter((p) => !('refused' in p))) expect(preview).toMatchObject({ status: 'confirmation_required' });
    expect(await call('get_test_status', { test_id: 109363 })).toBeDefined();

    expect(listed.filter((name) => !called.has(name) && name !== 'launch_exploratory_test')).toEqual([]);
  }, 180_000);
});
