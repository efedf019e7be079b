/**
 * What a TestIO write changed, as the API answers it now (read back after the write): emitted on
 * the app's events (TESTIO_CHANGED) once per changed bug or test, so other areas (the analytics
 * store) refresh their copies. The caller names the tenant whose data it is.
 */
import type { Caller } from '../../platform/caller.js';
import { topic } from '../../platform/events.js';
import type { Bug, ExploratoryTest } from './schemas.js';

export type TestioChange = { kind: 'bug'; bug: Bug } | { kind: 'test'; test: ExploratoryTest };

export const TESTIO_CHANGED = topic<TestioChange & { caller: Caller }>('testio.changed');

/** One tenant's side: tells the app what changed (resolves once every listener is done). */
export type AnnounceChange = (change: TestioChange) => Promise<void>;
