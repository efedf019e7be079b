import { ConfigurationError, UpstreamError } from '../../src/platform/errors.js';
import { ActivityService, inRange } from '../../src/testio/services/activity-service.js';
import { BugQueryService, fitBudget } from '../../src/testio/services/bug-query-service.js';
import { CacheService } from '../../src/testio/services/cache-service.js';
import { ContinuationTokens } from '../../src/testio/services/continuation-token.js';
import { HealthService } from '../../src/testio/services/health-service.js';
import { ProductService } from '../../src/testio/services/product-service.js';
import { StatusReportService } from '../../src/testio/services/status-report-service.js';
import { TestListService } from '../../src/testio/services/test-list-service.js';
import { TestStatusService } from '../../src/testio/services/test-status-service.js';
import type { Config } from '../../src/platform/config.js';
import { bug, FakeApi, product, test } from './fixtures.js';

const severities = ['critical', 'high', 'low', 'visual', 'content', 'custom'];
const statuses = ['accepted', 'rejected', 'forwarded'];

function world(): FakeApi {
  const products = [product(1, 'Shop Website', 'website', 'Online shop'), product(2, 'Banking Mobile App', 'mobile_app_ios'), product(3, 'TV', 'streaming_app', 'Mobile companion for smart TVs')];
  const tests = new Map([
    [1, [
      test(11, 'running', '2024-12-20T09:00:00Z', '2025-01-05T09:00:00Z'),
      test(12, 'archived', '2024-11-01T09:00:00Z', '2024-11-08T09:00:00Z'),
      test(13, 'cancelled', '2024-09-25T09:00:00Z', '2024-10-02T09:00:00Z'),
      test(14, 'initialized', null, null),
    ]],
    [2, [test(21, 'locked', '2024-10-15T00:00:00Z', '2024-10-20T00:00:00Z')]],
  ]);
  const bugs = new Map([
    [11, [...Array(30)].map((_, i) => bug(1000 + i, severities[i % 6], statuses[i % 3], { auto_accepted: i % 6 === 0 && statuses[i % 3] === 'accepted' }))],
    [12, [bug(2000, 'high', 'accepted'), bug(2001, 'low', 'rejected')]],
    [21, [bug(3000, 'critical', 'forwarded')]],
  ]);
  return new FakeApi(products, tests, bugs);
}

describe('TestStatusService', () => {
  it('summarises a test with its newest three bugs, fetching test and bugs together', async () => {
    const api = world();
    const status = await new TestStatusService({ testioApi: api }).getStatus(11, undefined, new Date('2025-01-01T09:00:00Z'));
    expect(status.test).toMatchObject({ id: 11, status: 'running', timeline: { duration_hours: 384, time_remaining_hours: 96 } });
    expect(status.bugs.total).toBe(30);
    expect(status.recent_bugs.map((b) => b.reported_at)).toEqual([...status.recent_bugs.map((b) => b.reported_at)].sort().reverse());
    expect(status.recent_bugs).toHaveLength(3);
    expect(api.calls.slice(0, 2).sort()).toEqual(['getTest:11', 'listBugs:11']);
  });
});

describe('BugQueryService', () => {
  const service = (api = world()) => new BugQueryService({ testioApi: api, continuationTokens: new ContinuationTokens() });

  it('filters critical functional bugs', async () => {
    const page = await service().query({ testId: 11, severity: 'critical' });
    expect(page.filters).toEqual({ bug_type: 'functional', severity: 'critical', status: 'all' });
    expect(page.matching_bugs).toBe(5);
    expect(page.bugs.every((b) => b.severity === 'critical')).toBe(true);
    expect(page.continuation_token).toBeUndefined();
  });

  it('pages through every bug exactly once', async () => {
    const s = service();
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s.query({ testId: 11, pageSize: 7, continuationToken: token });
      seen.push(...page.bugs.map((b) => b.id));
      token = page.continuation_token;
      pages += 1;
    } while (token);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(30);
  });

  it('refuses a severity with a non-functional type, and a token used with other filters', async () => {
    const s = service();
    await expect(s.query({ testId: 11, bug_type: 'visual', severity: 'high' })).rejects.toMatchObject({ parameter: 'severity' });
    const first = await s.query({ testId: 11, pageSize: 5 });
    await expect(s.query({ testId: 11, status: 'rejected', continuationToken: first.continuation_token })).rejects.toThrow(/issued for other filters/);
  });

  it('shortens a page to the character budget but never to nothing', () => {
    const rows = [...Array(10)].map((_, i) => ({ id: i, text: 'x'.repeat(90) }));
    expect(fitBudget(rows, 1_000)).toHaveLength(9);
    expect(fitBudget(rows, 10)).toHaveLength(1);
    expect(fitBudget([], 10)).toEqual([]);
  });

  it('splits auto-accepted out of accepted', async () => {
    const s = service();
    const auto = await s.query({ testId: 11, status: 'auto_accepted', pageSize: 100 });
    const accepted = await s.query({ testId: 11, status: 'accepted', pageSize: 100 });
    expect(auto.matching_bugs).toBe(5);
    expect(accepted.matching_bugs).toBe(5);
  });
});

describe('ProductService', () => {
  it('searches name and description case-insensitively and filters by type', async () => {
    const s = new ProductService({ testioApi: world() });
    expect((await s.search('MOBILE', undefined)).products.map((p) => p.id)).toEqual([2, 3]);
    expect((await s.search('mobile', 'mobile_app_ios')).products.map((p) => p.id)).toEqual([2]);
    expect((await s.search(undefined, undefined)).matching_products).toBe(3);
    expect((await s.search('nothing like this', undefined)).products).toEqual([]);
  });
});

describe('TestListService', () => {
  it('returns every test by default and filters statuses on the client', async () => {
    const api = world();
    const s = new TestListService({ testioApi: api });
    const all = await s.list(1, undefined, false);
    expect(all.matching_tests).toBe(4);
    expect(all.counts_by_status).toEqual({ running: 1, archived: 1, cancelled: 1, initialized: 1 });
    const running = await s.list(1, ['running', 'archived'], true);
    expect(running.tests.map((t) => [t.id, t.bugs?.total])).toEqual([[11, 30], [12, 2]]);
    expect(api.calls).toContain('listBugsForTests:11,12');
  });
});

describe('StatusReportService', () => {
  it('reports the tests that load, lists the ones that fail, and sends progress per test', async () => {
    const progress: [number, number | undefined, string | undefined][] = [];
    const api = world();
    const report = await new StatusReportService({ testioApi: api }).build([11, 12, 999], async (d, t, m) => {
      progress.push([d, t, m]);
    });
    expect(report.tests_reported).toBe(2);
    expect(report.tests_failed).toBe(1);
    expect(report.entries.find((e) => e.test_id === 999)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/Test 999 was not found/) });
    expect(report.totals.total).toBe(32);
    expect(api.calls.filter((c) => c.startsWith('listBugs'))).toEqual(['listBugsForTests:11,12,999']);
    // One step per test plus one for the batched bugs.
    expect(progress.map((p) => p[0])).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p[1] === 4)).toBe(true);
    expect(progress.map((p) => p[2])).toContain('bugs loaded');
  });

  it('fails as a whole when every test fails or the token is missing', async () => {
    await expect(new StatusReportService({ testioApi: world() }).build([998, 999])).rejects.toThrow(/Test 998 was not found/);
    const api = world();
    api.getTest = async () => {
      throw new ConfigurationError('TESTIO_CUSTOMER_API_TOKEN is not set.');
    };
    await expect(new StatusReportService({ testioApi: api }).build([11, 12])).rejects.toThrow(/TESTIO_CUSTOMER_API_TOKEN/);
  });
});

describe('ActivityService', () => {
  const q4 = { start: new Date('2024-10-01T00:00:00Z'), end: new Date('2024-12-31T23:59:59.999Z'), resolved: 'Q4 2024' };

  it('matches on start_at, end_at or overlap', () => {
    const t = test(1, 'archived', '2024-09-25T09:00:00Z', '2024-10-02T09:00:00Z');
    expect(inRange(t, q4, 'start_at')).toBe(false);
    expect(inRange(t, q4, 'end_at')).toBe(true);
    expect(inRange(t, q4, 'any')).toBe(true);
    expect(inRange(test(2, 'initialized', null, null), q4, 'any')).toBe(false);
  });

  it('counts per product and overall, with bugs when asked', async () => {
    const out = await new ActivityService({ testioApi: world() }).activity({ productIds: [1, 2], range: q4, dateField: 'start_at', includeBugs: true });
    expect(out.overall.tests_in_range).toBe(3); // 11, 12, 21
    expect(out.products.map((p) => p.tests_in_range)).toEqual([2, 1]);
    expect(out.overall.bugs?.total).toBe(33);
    expect(out.products[1].by_status).toEqual({ locked: 1 });
  });

  it('lists a missing product as failed while the others report', async () => {
    const out = await new ActivityService({ testioApi: world() }).activity({ productIds: [1, 77], range: q4, dateField: 'any', includeBugs: false });
    expect(out.products_failed).toBe(1);
    expect(out.products[1]).toMatchObject({ product_id: 77, outcome: 'failed', error: expect.stringMatching(/Product 77 was not found/) });
    expect(out.overall.tests_in_range).toBe(3); // 11, 12, 13 overlap Q4
  });
});

describe('HealthService and CacheService', () => {
  const config = { baseUrl: 'http://127.0.0.1:1/customer/v2', sandbox: false } as Config;

  it('reports latency, base URL and version', async () => {
    const report = await new HealthService({ testioApi: world(), config, version: '9.9.9' }).check();
    expect(report).toMatchObject({ status: 'healthy', latency_ms: 12, base_url: config.baseUrl, server_version: '9.9.9' });
  });

  it('keeps a missing-token message as is and adds the base URL to upstream failures', async () => {
    const api = world();
    api.checkConnection = async () => {
      throw new ConfigurationError('TESTIO_CUSTOMER_API_TOKEN is not set.');
    };
    await expect(new HealthService({ testioApi: api, config, version: '1' }).check()).rejects.toThrow(/^TESTIO_CUSTOMER_API_TOKEN is not set/);
    api.checkConnection = async () => {
      throw new UpstreamError('auth', 'The API refused the token (401).');
    };
    await expect(new HealthService({ testioApi: api, config, version: '1' }).check()).rejects.toMatchObject({
      toolErrorKind: 'auth',
      message: expect.stringContaining(config.baseUrl),
    });
  });

  it('maps cache figures per kind', async () => {
    const s = new CacheService({ testioApi: world() });
    expect(s.stats()).toMatchObject({ overall: { hits: 3, hit_rate: 0.75 }, by_kind: { bugs: { ttl_seconds: 60, hit_rate: null } }, api_requests: 7 });
    expect(await s.clear()).toMatchObject({ cleared_entries: 4 });
  });
});
