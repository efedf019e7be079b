/** Names shared by the store and the queue, in a file that loads nothing (the store itself loads on first use). */

/** The PostgreSQL schema of the Testr store; its queue (pg-boss) lives in `<schema>_queue`. */
export const DEFAULT_SCHEMA = 'testr';

/** The Testr SQLite database's file in TESTR_DATA_DIR. */
export const DATABASE_FILE = 'testr.db';
