/** The SQLite store itself: file, pragmas, migrations and the opening balance. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { MIGRATIONS } from '../../src/testr/store/migrations.js';
import { TestrStore } from '../../src/testr/store/index.js';
import { removeDir, tempDataDir } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = path.join(tempDataDir(), 'nested', 'testr');
});
afterEach(() => removeDir(path.dirname(path.dirname(dir))));

describe('Testr store', () => {
  it('creates the folder and testr.db in WAL mode with foreign keys and the current schema version', () => {
    const store = TestrStore.open({ dataDir: dir, openingCredits: 40 });
    store.close();
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

  it('writes the opening balance once, when the database is new', () => {
    const first = TestrStore.open({ dataDir: dir, openingCredits: 40 });
    expect(first.ledger.balance(LOCAL_USER)).toBe(40);
    first.close();
    const reopened = TestrStore.open({ dataDir: dir, openingCredits: 999 });
    expect(reopened.ledger.balance(LOCAL_USER)).toBe(40);
    reopened.close();
  });

  it('enforces foreign keys', () => {
    const store = TestrStore.open({ dataDir: dir, openingCredits: 0 });
    try {
      expect(() => store.runs.saveStep("00000000-0000-4000-8000-000000012345", { stepNumber: 1, stepText: 'x', status: 'passed', durationMs: 1 })).toThrow(/FOREIGN KEY/);
    } finally {
      store.close();
    }
  });

  it('settles a run once: a second finish neither charges nor refunds again', () => {
    const store = TestrStore.open({ dataDir: dir, openingCredits: 10 });
    try {
      const id = store.definitions.create(LOCAL_USER, { name: 't', targetUrl: 'http://127.0.0.1/', testType: 'step', steps: [{ text: 'navigate to /', stepType: 'action' }] });
      const definition = store.definitions.get(LOCAL_USER, id)!;
      const run = store.runs.reserve({ user: LOCAL_USER, leaseUntil: Date.now() + 10_000, definition, totalSteps: 1, cost: 4, sessionId: 's', owner: { pid: process.pid, instance: 'i' } });
      if (!run.ok) throw new Error('reserve failed');
      expect(store.ledger.balance(LOCAL_USER)).toBe(6);
      store.runs.finish(run.runId, { status: 'completed', creditsUsed: 1 });
      store.runs.finish(run.runId, { status: 'failed', creditsUsed: 0 });
      expect(store.ledger.balance(LOCAL_USER)).toBe(9);
      expect(store.runs.get(run.runId)).toMatchObject({ status: 'completed', credits_used: 1 });
      // A charge above the reservation is capped at it.
      const second = store.runs.reserve({ user: LOCAL_USER, leaseUntil: Date.now() + 10_000, definition, totalSteps: 1, cost: 2, sessionId: 's2', owner: { pid: process.pid, instance: 'i' } });
      if (!second.ok) throw new Error('reserve failed');
      store.runs.finish(second.runId, { status: 'completed', creditsUsed: 50 });
      expect(store.ledger.balance(LOCAL_USER)).toBe(7);
    } finally {
      store.close();
    }
  });
});
