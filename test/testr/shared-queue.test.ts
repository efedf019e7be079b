/**
 * Two services on one data folder, as two server processes sharing TESTR_DATA_DIR: the limit of
 * 5 running runs per user holds across both, and a run queued by one starts in whichever has a
 * slot. (test/testr/processes.test.ts does the same with real server processes and a browser.)
 */
import { createFakeEngine, type FakeEngine } from './fake-engine.js';
import { createService, FAST_LEASES, removeDir, tempDataDir, type UserTestr } from './helpers.js';

let dir: string;
let first: { testr: UserTestr; engine: FakeEngine };
let second: { testr: UserTestr; engine: FakeEngine };

function server(): { testr: UserTestr; engine: FakeEngine } {
  const engine = createFakeEngine();
  return { engine, testr: createService(dir, { config: { testrCredits: 40 }, engine: engine.deps, scheduling: FAST_LEASES }) };
}

beforeEach(() => {
  dir = tempDataDir();
  first = server();
  second = server();
});

afterEach(async () => {
  await first.testr.close();
  await second.testr.close();
  removeDir(dir);
});

const runningNow = () => first.engine.running.size + second.engine.running.size;

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('one data folder, two servers', () => {
  it('runs at most 5 of a user at once across both, and queued runs start in either', async () => {
    const { testDefinitionId } = await first.testr.createDefinition({ name: 'one step', targetUrl: 'http://127.0.0.1:8080/demo/', testType: 'step', steps: ['navigate to /'] });
    const starts = [];
    for (let i = 0; i < 10; i++) starts.push(await (i % 2 === 0 ? first : second).testr.startRun(testDefinitionId));
    expect(starts.filter((s) => s.status === 'running')).toHaveLength(5);
    await waitFor(() => runningNow() === 5, '5 running');
    expect(await second.testr.getRunStatus(starts[9].testRunId)).toMatchObject({ status: 'pending', queue_position: 5 });

    // Free slots only in the first server: the oldest queued runs, the second's among them, start there.
    const queuedBySecond = starts[5].testRunId;
    for (const gate of [...first.engine.running.values()]) gate.release();
    let done = 3;
    await waitFor(() => runningNow() === 5, '5 running again');
    expect(first.engine.running.has(queuedBySecond)).toBe(true);
    // Then one at a time, wherever: each freed slot goes to the next queued run, never a sixth.
    while (done < 10) {
      const gates = [...first.engine.running.values(), ...second.engine.running.values()];
      gates[done % gates.length].release();
      done++;
      await waitFor(() => runningNow() === Math.min(5, 10 - done), `${Math.min(5, 10 - done)} running`);
      expect(runningNow()).toBeLessThanOrEqual(5);
    }
    await first.testr.idle();
    await second.testr.idle();
    expect(Math.max(first.engine.peak, second.engine.peak)).toBeLessThanOrEqual(5);
    expect(first.engine.started.length + second.engine.started.length).toBe(10);
    for (const { testRunId } of starts) expect((await first.testr.getRunStatus(testRunId)).status).toBe('completed');
    expect(await second.testr.creditBalance()).toBe(30);
  });
});
