/**
 * The keys file: one JSON document of key records (hash, user, narrowing, opening credits, sealed
 * token), written atomically with owner-only permissions. The server re-reads it when it changes,
 * so `keys add` and `keys revoke` take effect on the next request without a restart.
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateApiKey, generateKeyId, hashApiKey, openToken, sameHash, sealToken } from './api-key.js';

export interface KeyRecord {
  id: string;
  user: string;
  /** SHA-256 hex of the key. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
  tools?: string[];
  toolsets?: string[];
  credits?: number;
  /** The key's TestIO token, sealed under the key (see api-key.ts). */
  sealedToken?: string;
}

interface KeysDocument {
  version: 1;
  keys: KeyRecord[];
}

export interface NewKey {
  user: string;
  tools?: string[];
  toolsets?: string[];
  credits?: number;
  testioToken?: string;
}

/** A presented key that matched an active record. */
export interface VerifiedKey {
  record: KeyRecord;
  testioToken?: string;
}

export class KeyStore {
  private cached?: { stamp: string; doc: KeysDocument };

  constructor(readonly file: string) {}

  private read(): KeysDocument {
    let stamp: string;
    try {
      const stat = statSync(this.file);
      stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, keys: [] };
      throw error;
    }
    if (this.cached?.stamp === stamp) return this.cached.doc;
    let doc: KeysDocument;
    try {
      doc = JSON.parse(readFileSync(this.file, 'utf8')) as KeysDocument;
    } catch (error) {
      throw new Error(`The keys file ${this.file} is not valid JSON (${(error as Error).message}). Fix or remove it.`);
    }
    if (!Array.isArray(doc?.keys)) throw new Error(`The keys file ${this.file} has no "keys" list. Fix or remove it.`);
    this.cached = { stamp, doc };
    return doc;
  }

  private write(doc: KeysDocument): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
    this.cached = undefined;
  }

  list(): KeyRecord[] {
    return this.read().keys;
  }

  /** True once any key was created, even if all are revoked since: then every request must present an active one. */
  hasKeys(): boolean {
    return this.list().length > 0;
  }

  /** Creates a key; the returned key is the only copy there will ever be. */
  add(spec: NewKey): { key: string; record: KeyRecord } {
    const doc = this.read();
    const key = generateApiKey();
    const record: KeyRecord = {
      id: generateKeyId(),
      user: spec.user,
      hash: hashApiKey(key),
      createdAt: new Date().toISOString(),
      ...(spec.tools?.length ? { tools: spec.tools } : {}),
      ...(spec.toolsets?.length ? { toolsets: spec.toolsets } : {}),
      ...(spec.credits !== undefined ? { credits: spec.credits } : {}),
      ...(spec.testioToken ? { sealedToken: sealToken(spec.testioToken, key) } : {}),
    };
    this.write({ version: 1, keys: [...doc.keys, record] });
    return { key, record };
  }

  /** Marks a key revoked (kept, so its id still explains itself in logs); false when unknown. */
  revoke(id: string): KeyRecord | undefined {
    const doc = this.read();
    const record = doc.keys.find((key) => key.id === id);
    if (!record) return undefined;
    if (!record.revokedAt) {
      const revoked = { ...record, revokedAt: new Date().toISOString() };
      this.write({ version: 1, keys: doc.keys.map((key) => (key.id === id ? revoked : key)) });
      return revoked;
    }
    return record;
  }

  /** The active record whose hash equals the presented key's; every record is compared, in constant time. */
  verify(presented: string): VerifiedKey | undefined {
    const hash = hashApiKey(presented);
    let found: KeyRecord | undefined;
    for (const record of this.list()) {
      if (sameHash(record.hash, hash) && !record.revokedAt) found = record;
    }
    if (!found) return undefined;
    return { record: found, testioToken: found.sealedToken ? openToken(found.sealedToken, presented) : undefined };
  }
}
