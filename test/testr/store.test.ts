/**
 * The Testr store in both dialects: SQLite (file, pragmas, migrations) and PostgreSQL (its own
 * schema, TEST_DATABASE_URL); the opening balance, foreign keys, settling once, and reservations
 * from several processes at once that never overspend.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { MIGRATIONS } from '../../src/testr/store/migrations.js';
import { TestrStore, type OpenTestrDbOptions } from '../../src/testr/store/index.js';
import { databaseUrl } from '../helpers/services.js';
import { dropSchema, testSchema } from '../helpers/testr-postgres.js';
import { removeDir, tempDataDir } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

let dir: string;
beforeEach(() => {
  dir = path.join(tempDataDir(), 'nested', 'testr');
});
afterEach(() => removeDir(path.dirname(path.dirname(dir))));

describe('Testr store on SQLite', () => {
  it('creates the folder and testr.db in WAL mode with foreign keys and the current schema version', async () => {
    const store = await TestrStore.open({ dataDir: dir, openingCredits: 40 });
    await store.close();
    expect(existsSync(path.join(dir, 'testr.db'))).toBe(true);
    const db = new Database(path.join(dir, 'testr.db'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
      expect(tables).toEqual(['credit_ledger', 'step_definitions', 'test_definitions', 'test_runs', 'step_results'].sort());
    } finally {
      db.close();
    }
  });
});

const postgresUrl = databaseUrl();
const dialects: Array<[string, () => Promise<Omit<OpenTestrDbOptions, 'openingCredits'> & { cleanUp: () => Promise<void> }>]> = [
  ['SQLite', async () => ({ dataDir: dir, cleanUp: async () => undefined })],
];
if (postgresUrl) {
  dialects.push([
    'PostgreSQL',
    async () => {
      const schema = testSchema('store');
      return { dataDir: dir, databaseUrl: postgresUrl, schema, cleanUp: () => dropSchema(postgresUrl, schema) };
    },
  ]);
}

describe.each(dialects)('Testr store on %s', (_name, where) => {
  let place: Awaited<ReturnType<(typeof dialects)[number][1]>>;
  const open = (openingCredits: number) => TestrStore.open({ ...place, openingCredits });
  beforeEach(async () => {
    place = await where();
  });
  afterEach(() => place.cleanUp());

  it('writes the opening balance once, when the database is new', async () => {
    const first = await open(40);
    expect(await first.ledger.balance(LOCAL_USER)).toBe(40);
    await first.close();
    const reopened = await open(999);
    expect(await reopened.ledger.balance(LOCAL_USER)).toBe(40);
    await reopened.ledger.ensureOpening('ana', 7);
    await reopened.ledger.ensureOpening('ana', 9);
    expect(await reopened.ledger.balance('ana')).toBe(7);
    await reopened.close();
  });

  it('enforces foreign keys', async () => {
    const store = await open(0);
    try {
      // Read the message directly: better-sqlite3's error class may come from another test file's realm
      // (the native module is loaded once per Jest worker), which jest's toThrow does not take for an error.
      const error: unknown = await store.runs.saveStep('00000000-0000-4000-8000-000000012345', { stepNumber: 1, stepText: 'x', status: 'passed', durationMs: 1 }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(String((error as { message?: unknown } | undefined)?.message)).toMatch(/foreign key/i);
    } finally {
      await store.close();
    }
  });

  it('finds definitions by a case-insensitive search with % taken literally', async () => {
    const store = await open(0);
    try {
      const make = (name: string) => store.definitions.create(LOCAL_USER, { name, targetUrl: 'http://127.0.0.1/', testType: 'step', steps: [{ text: 'navigate to /', stepType: 'action' }] });
      await make('Checkout 100% flow');
      await make('checkout 1000 flow');
      const search = async (text: string) => (await store.definitions.list(LOCAL_USER, { offset: 0, limit: 10, search: text })).rows.map((row) => row.name);
      expect(await search('CHECKOUT')).toEqual(['checkout 1000 flow', 'Checkout 100% flow']);
      expect(await search('100%')).toEqual(['Checkout 100% flow']);
      expect((await store.definitions.list('ana', { offset: 0, limit: 10 })).total).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('settles a run once: a second finish neither charges nor refunds again', async () => {
    const store = await open(10);
    try {
      const id = await store.definitions.create(LOCAL_USER, { name: 't', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: [{ text: 'navigate to /', stepType: 'action' }] });
      const definition = (await store.definitions.get(LOCAL_USER, id))!;
      expect(definition).toMatchObject({ total_steps: 1, is_active: true });
      const run = await store.runs.reserve({ user: LOCAL_USER, leaseUntil: Date.now() + 10_000, definition, totalSteps: 1, cost: 4, sessionId: 's', owner: { pid: process.pid, instance: 'i' } });
      if (!run.ok) throw new Error('reserve failed');
      expect(await store.ledger.balance(LOCAL_USER)).toBe(6);
      expect(await store.runs.finish(run.runId, { status: 'completed', creditsUsed: 1 })).toBe(true);
      expect(await store.runs.finish(run.runId, { status: 'failed', creditsUsed: 0 })).toBe(false);
      expect(await store.ledger.balance(LOCAL_USER)).toBe(9);
      expect(await store.runs.get(run.runId)).toMatchObject({ status: 'completed', credits_used: 1 });
      // A charge above the reservation is capped at it.
      const second = await store.runs.reserve({ user: LOCAL_USER, leaseUntil: Date.now() + 10_000, definition, totalSteps: 1, cost: 2, sessionId: 's2', owner: { pid: process.pid, instance: 'i' } });
      if (!second.ok) throw new Error('reserve failed');
      await store.runs.finish(second.runId, { status: 'completed', creditsUsed: 50 });
      expect(await store.ledger.balance(LOCAL_USER)).toBe(7);
      expect(await store.runs.reserve({ user: LOCAL_USER, leaseUntil: Date.now() + 10_000, definition, totalSteps: 1, cost: 8, sessionId: 's3', owner: { pid: process.pid, instance: 'i' } })).toEqual({
        ok: false,
        available: 7,
      });
    } finally {
      await store.close();
    }
  });

  it('closes a run once when its lease expired, even with several processes recovering at once', async () => {
    const stores = await Promise.all([open(10), open(10), open(10)]);
    try {
      const [store] = stores as [TestrStore, ...TestrStore[]];
      const id = await store.definitions.create(LOCAL_USER, { name: 't', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: [{ text: 'navigate to /', stepType: 'action' }] });
      const definition = (await store.definitions.get(LOCAL_USER, id))!;
      const dead = { pid: 1, instance: 'dead' };
      const run = await store.runs.reserve({ user: LOCAL_USER, leaseUntil: Date.now() + 60_000, definition, totalSteps: 3, cost: 3, sessionId: 's', owner: dead });
      if (!run.ok) throw new Error('reserve failed');
      expect((await store.leases.claimNext(dead, Date.now() - 1, 5))?.id).toBe(run.runId);
      await store.runs.saveStep(run.runId, { stepNumber: 1, stepText: 'navigate to /', status: 'passed', durationMs: 3 });
      const recovered = (await Promise.all(stores.map((s) => s.leases.recoverExpired()))).flat();
      expect(recovered).toEqual([run.runId]);
      expect(await store.runs.get(run.runId)).toMatchObject({ status: 'failed', credits_used: 1, error: 'interrupted: the server stopped before the run finished' });
      expect((await store.ledger.forRun(run.runId)).map((row) => [row.kind, row.amount])).toEqual([
        ['reserve', -3],
        ['refund', 2],
      ]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('never overspends when four processes reserve at once', async () => {
    const store = await open(100);
    const id = await store.definitions.create(LOCAL_USER, { name: 't', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: [{ text: 'navigate to /', stepType: 'action' }] });
    await store.close();
    const worker = path.join(ROOT, 'test/testr/fixtures/reserve-many.ts');
    const args = [worker, dir, id, '40', ...(place.databaseUrl ? [place.databaseUrl, place.schema ?? ''] : [])];
    const outputs = await Promise.all(Array.from({ length: 4 }, () => promisify(execFile)(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, timeout: 60_000 })));
    expect(outputs.reduce((sum, { stdout }) => sum + Number(stdout), 0)).toBe(100);
    const after = await open(0);
    try {
      expect(await after.ledger.balance(LOCAL_USER)).toBe(0);
    } finally {
      await after.close();
    }
  }, 90_000);
});
