/**
 * What is wrong when the Testr database cannot be opened, told apart so each gets the right
 * advice: a damaged file (empty, not a database, corrupt) is kept and the message says how to
 * restore or reset it; a permission problem says to fix the folder or move TESTR_DATA_DIR.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError } from '../../platform/errors.js';

const DAMAGE_CODES = /^SQLITE_(NOTADB|CORRUPT)/;
const PERMISSION_CODES = /^(EACCES|EPERM|EROFS|SQLITE_(CANTOPEN|READONLY|PERM|AUTH))/;

const codeOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');

export const isDamage = (error: unknown) => DAMAGE_CODES.test(codeOf(error));
export const isPermissionProblem = (error: unknown) => PERMISSION_CODES.test(codeOf(error));

/** Backups beside the database, newest schema version first. */
export function backupsOf(file: string): string[] {
  const base = path.basename(file);
  const names = (() => {
    try {
      return readdirSync(path.dirname(file));
    } catch {
      return [] as string[];
    }
  })();
  const version = (name: string) => Number(name.slice(`${base}.backup-v`.length));
  return names.filter((name) => new RegExp(`^${base.replace('.', '\\.')}\\.backup-v\\d+$`).test(name)).sort((a, b) => version(b) - version(a));
}

export class DamagedDatabaseError extends ConfigurationError {
  constructor(file: string, reason: string) {
    const base = path.basename(file);
    const backups = backupsOf(file);
    const restore = backups.length
      ? `To restore: stop every testio-mcp server, then copy the backup ${path.join(path.dirname(file), backups[0] ?? '')} over ${base} (and delete ${base}-wal and ${base}-shm if present).`
      : `No automatic backup is in that folder: restore ${base} from your own copy if you have one.`;
    super(
      `The Testr database ${file} is damaged: ${reason}. It was not opened and is left as it is.`,
      `${restore} To reset instead: move ${base} (with ${base}-wal and ${base}-shm) out of the folder; the next call creates a new database with the TESTR_CREDITS opening balance, without the old definitions, runs and credits.`,
    );
    this.name = 'DamagedDatabaseError';
  }
}
