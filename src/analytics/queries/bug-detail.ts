/** get_bug_summary: one bug from the store, with where it belongs and every device it was seen on. */
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../platform/errors.js';
import type { AnalyticsTables } from '../store/tables.js';
import { deviceLine } from './device-line.js';
import { selectListedBugs } from './list-bugs.js';
import type { BugDetail } from './schemas.js';
import { freshnessOf, requireSynced } from './synced-products.js';

export async function bugDetail(db: Kysely<AnalyticsTables>, bugId: number): Promise<BugDetail> {
  const bug = await db.selectFrom('bugs').where('id', '=', bugId).select(['product_id', 'language', 'location', 'exported_at']).executeTakeFirst();
  if (!bug) {
    throw new NotFoundError('Bug', bugId, 'The store holds the bugs of synced products only: run sync_data for its product, or find the bug with list_bugs or search.');
  }
  const [product] = await requireSynced(db, [bug.product_id], 'bug_id');
  const [[row], devices] = await Promise.all([
    selectListedBugs(db, { bug_ids: [bugId] }, { sortBy: 'id', order: 'asc', limit: 1 }),
    db.selectFrom('bug_devices').where('bug_id', '=', bugId).selectAll().orderBy('position').execute(),
  ]);
  return {
    bug: {
      ...row!,
      product_name: product!.name,
      language: bug.language,
      location: bug.location,
      exported_at: bug.exported_at,
      devices: devices.map(deviceLine).filter((d): d is string => d !== null),
    },
    freshness: freshnessOf([product!]),
  };
}

