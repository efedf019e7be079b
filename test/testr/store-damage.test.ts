/**
 * An existing testr.db that is empty or not a database is damage: it is not opened, not replaced
 * (no fresh opening balance), and the message says how to restore or reset it. Only a real
 * permission problem is told to pick a writable TESTR_DATA_DIR.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isToolError } from '../../src/platform/errors.js';
import { TestrStore } from '../../src/testr/store/index.js';
import { LOCAL_USER } from '../../src/platform/caller.js';
import { createService, removeDir, tempDataDir } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = tempDataDir();
});
afterEach(() => removeDir(dir));

const dbFile = () => path.join(dir, 'testr.db');

async function openError(dataDir = dir): Promise<{ message: string; hint?: string }> {
  const service = createService(dataDir);
  try {
    await service.listDefinitions({});
  } catch (error) {
    if (!isToolError(error)) throw error;
    return { message: error.message, hint: error.hint };
  } finally {
    await service.close();
  }
  throw new Error('the database opened');
}

describe('a damaged Testr database', () => {
  it('refuses a zero-byte testr.db, keeps it, and says how to reset it', async () => {
    writeFileSync(dbFile(), '');
    const { message, hint } = await openError();
    expect(message).toContain(`The Testr database ${dbFile()} is damaged: the file is empty (0 bytes)`);
    expect(message).toMatch(/left as it is/);
    expect(hint).toMatch(/No automatic backup[\s\S]*To reset instead: move testr\.db/);
    expect(hint).not.toMatch(/writable/);
    expect(statSync(dbFile()).size).toBe(0);
  });

  it('refuses a file that is not a database and keeps its bytes', async () => {
    const garbage = Buffer.from('this is not a database '.repeat(300));
    writeFileSync(dbFile(), garbage);
    const { message, hint } = await openError();
    expect(message).toMatch(/is damaged: file is not a database/);
    expect(hint).toMatch(/To reset instead/);
    expect(hint).not.toMatch(/writable/);
    expect(readFileSync(dbFile()).equals(garbage)).toBe(true);
  });

  it('names the backup to restore from when there is one', async () => {
    await (await TestrStore.open({ dataDir: dir, openingCredits: 3 })).close();
    copyFileSync(dbFile(), `${dbFile()}.backup-v1`);
    writeFileSync(dbFile(), '');
    const { hint } = await openError();
    expect(hint).toContain(`copy the backup ${dbFile()}.backup-v1 over testr.db`);
  });

  it('tells a permission problem to use a writable folder', async () => {
    const { message, hint } = await openError('/sys/testr-store-test/testr');
    expect(message).toMatch(/Could not open the Testr database/);
    expect(hint).toMatch(/TESTR_DATA_DIR to a writable folder/);
  });

  it('still creates a new database where there is none, with the opening balance', async () => {
    mkdirSync(path.join(dir, 'fresh'));
    const store = await TestrStore.open({ dataDir: path.join(dir, 'fresh'), openingCredits: 9 });
    try {
      expect(await store.ledger.balance(LOCAL_USER)).toBe(9);
    } finally {
      await store.close();
    }
  });
});
