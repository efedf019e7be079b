/** A PostgreSQL database of a test's own (TEST_DATABASE_URL's server), for processes that use the default schemas; dropped afterwards. */
import { createDatabase as createNamedDatabase } from '../../bench/lib/postgres-database.js';

export const createDatabase = (serverUrl: string, what: string) => createNamedDatabase(serverUrl, `pgh_${what}`);
