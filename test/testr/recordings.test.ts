/**
 * The recordings resource: only a file the server wrote for a run it knows, only under the run's
 * canonical id, and a missing one answers "resource not found" (-32002), not an internal error.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { recordingPath, recordingsDir, recordingUri } from '../../src/testr/recordings.js';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { TestrStore } from '../../src/testr/store/index.js';

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

let h: Harness;
let runId: string;
let linkedRunId: string;

/** A finished run whose row points at its recording, as the executor leaves it. */
async function finishedRun(store: TestrStore, definitionId: string): Promise<string> {
  const definition = (await store.definitions.get(LOCAL_USER, definitionId))!;
  const run = await store.runs.reserve({ user: LOCAL_USER, leaseUntil: Date.now() + 60_000, definition, totalSteps: 1, cost: 1, sessionId: 's', owner: { pid: process.pid, instance: 'recordings-test' } });
  if (!run.ok) throw new Error('reserve failed');
  await store.runs.finish(run.runId, { status: 'completed', creditsUsed: 1, gifPath: recordingPath(h.dataDir, run.runId) });
  return run.runId;
}

async function readError(uri: string): Promise<McpError> {
  try {
    await h.client.readResource({ uri });
  } catch (error) {
    if (error instanceof McpError) return error;
    throw error;
  }
  throw new Error(`${uri} was served`);
}

beforeAll(async () => {
  h = await startHarness();
  const store = await TestrStore.open({ dataDir: h.dataDir, openingCredits: 10 });
  try {
    const definitionId = await store.definitions.create(LOCAL_USER, { name: 'Recorded', targetUrl: 'http://127.0.0.1:9/', testType: 'step', steps: [{ text: 'navigate to /', stepType: 'action' }] });
    runId = await finishedRun(store, definitionId);
    linkedRunId = await finishedRun(store, definitionId);
  } finally {
    await store.close();
  }
  mkdirSync(recordingsDir(h.dataDir), { recursive: true });
  writeFileSync(recordingPath(h.dataDir, runId), GIF);
  // Planted: the second run's recording is a symlink out of the folder; another names no run at all.
  symlinkSync('/etc/passwd', recordingPath(h.dataDir, linkedRunId));
  symlinkSync('/etc/passwd', recordingPath(h.dataDir, '00000000-0000-4000-8000-000000000001'));
  // An older run keeps its whole-number id as legacy_id.
  const db = new Database(`${h.dataDir}/testr.db`);
  db.prepare('UPDATE test_runs SET legacy_id = 1 WHERE id = ?').run(runId);
  db.close();
});
afterAll(() => h.close());

describe('testr://recordings/run-<runId>.gif', () => {
  it('serves the GIF of a finished run, listed under its UUID', async () => {
    const { resources } = await h.client.listResources();
    expect(resources.filter((r) => r.uri.startsWith('testr://recordings/')).map((r) => r.uri).sort()).toEqual([recordingUri(runId), recordingUri(linkedRunId)].sort());
    const { contents } = await h.client.readResource({ uri: recordingUri(runId) });
    expect(contents).toEqual([{ uri: recordingUri(runId), mimeType: 'image/gif', blob: GIF.toString('base64') }]);
    // The plain whole number of an older run finds it too.
    expect((await h.client.readResource({ uri: 'testr://recordings/run-1.gif' })).contents[0]).toMatchObject({ uri: recordingUri(runId) });
  });

  it('answers resource not found (-32002) for a run that does not exist', async () => {
    const error = await readError(recordingUri('123e4567-e89b-42d3-a456-426614174000'));
    expect(error.code).toBe(-32002);
    expect(error.message).toMatch(/Test run not found: there is no test run 123e4567-e89b-42d3-a456-426614174000/);
  });

  it('never follows a symlink planted in the recordings folder', async () => {
    for (const id of [linkedRunId, '00000000-0000-4000-8000-000000000001']) {
      const error = await readError(recordingUri(id));
      expect(error.code).toBe(-32002);
      expect(error.message).not.toMatch(/root:/);
    }
    expect((await readError(recordingUri(linkedRunId))).message).toMatch(/symbolic link/);
  });

  it('accepts only the canonical id: no hex, exponent, leading zero or upper case', async () => {
    for (const spelling of ['0x1', '1e0', '01', '+1', ' 1', runId.toUpperCase(), `${runId}0`]) {
      const error = await readError(`testr://recordings/run-${spelling}.gif`);
      expect(`${spelling}: ${error.code}`).toBe(`${spelling}: -32002`);
    }
  });
});
