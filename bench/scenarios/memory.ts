/**
 * Memory: resident set size of the server process idle, after 1,000 mixed cached calls, and after
 * paging a 2,000-bug test end to end through get_test_bugs; beside the bare server's idle and
 * after-1,000-echo figures.
 */
import { nth, prepareMix } from '../lib/mix.js';
import type { Row } from '../lib/report.js';
import { requestsServed, type SandboxHandle } from '../lib/sandbox.js';
import { rssMb } from '../lib/rss.js';
import { mustCall, startServer, type BenchServer } from '../lib/servers.js';
import { runConcurrent } from '../lib/stats.js';
import { CONCURRENCY } from './throughput.js';

export const BIG_TEST_ID = 120000;
const PAGE_SIZE = 100;
const EXPECTED_BUGS = 2_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

async function idleAndLoaded(server: BenchServer, calls: number, call: (i: number) => Promise<unknown>): Promise<[number, number]> {
  await settle();
  const idle = rssMb(server.pid);
  await runConcurrent(calls, CONCURRENCY, (i) => call(i).then(() => undefined));
  await settle();
  return [idle, rssMb(server.pid)];
}

interface PagingResult {
  bugs: number;
  pages: number;
  ms: number;
  requests: number;
}

async function pageAllBugs(server: BenchServer, sandbox: SandboxHandle): Promise<PagingResult> {
  const before = requestsServed(sandbox);
  const started = performance.now();
  let token: string | undefined;
  let bugs = 0;
  let pages = 0;
  do {
    const args: Record<string, unknown> = { test_id: BIG_TEST_ID, page_size: PAGE_SIZE, ...(token ? { continuation_token: token } : {}) };
    const page = (await mustCall(server, 'get_test_bugs', args)).structuredContent as { bugs?: unknown[]; continuation_token?: string };
    bugs += page.bugs?.length ?? 0;
    pages++;
    token = page.continuation_token;
  } while (token && pages < 1_000);
  return { bugs, pages, ms: performance.now() - started, requests: requestsServed(sandbox) - before };
}

export async function memory(sandbox: SandboxHandle, calls: number): Promise<Row[]> {
  const baseline = await startServer('baseline');
  const [baseIdle, baseLoaded] = await idleAndLoaded(baseline, calls, () => mustCall(baseline, 'echo', { message: 'hello' }));
  await baseline.close();

  const server = await startServer('testio', sandbox);
  try {
    await settle();
    const idle = rssMb(server.pid);
    const mix = await prepareMix(server);
    const [, loaded] = await idleAndLoaded(server, calls, (i) => mustCall(server, nth(mix, i).name, nth(mix, i).args));
    const paging = await pageAllBugs(server, sandbox);
    await settle();
    const afterPaging = rssMb(server.pid);
    const section = 'memory (RSS)';
    return [
      { section, metric: 'idle', value: idle, unit: 'MB', baseline: baseIdle, baselineLabel: 'bare server idle' },
      { section, metric: `after ${calls} mixed calls`, value: loaded, unit: 'MB', baseline: baseLoaded, baselineLabel: `bare, ${calls} echo calls` },
      {
        section,
        metric: `after paging test ${BIG_TEST_ID} (${paging.bugs} bugs)`,
        value: afterPaging,
        unit: 'MB',
        baseline: loaded,
        baselineLabel: 'before paging',
        target: `all ${EXPECTED_BUGS} bugs`,
        met: paging.bugs === EXPECTED_BUGS,
        note: `${paging.pages} pages at page_size ${PAGE_SIZE} in ${paging.ms.toFixed(0)} ms, ${paging.requests} upstream requests; expected ${EXPECTED_BUGS} bugs, got ${paging.bugs}`,
      },
    ];
  } finally {
    await server.close();
  }
}
