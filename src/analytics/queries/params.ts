/** Parameter schemas of the analytics read tools (zod 3), shared so a parameter reads the same everywhere. */
import { z } from 'zod';
import { idListParam, idParam, wholeNumberParam } from '../../platform/params.js';
import { ACCEPTED_DATE_FORMS } from '../../testio/dates/index.js';
import { BUG_STATUSES, BUG_TYPES, SEVERITY_BUCKETS } from '../../testio/services/bug-classify.js';

/** A list of choices; a single value is accepted as a list of one. */
function choices<T extends [string, ...string[]]>(values: T, description: string) {
  return z
    .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(values)).min(1, 'needs at least one value; omit it for all').max(values.length))
    .optional()
    .describe(description);
}

function names(description: string, max: number) {
  return z
    .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string().min(1, 'must not be empty').max(200)).min(1, 'needs at least one value; omit it for all').max(max, `accepts at most ${max} values`))
    .optional()
    .describe(description);
}

const MAX_IDS = 50;
const dateForms = ACCEPTED_DATE_FORMS.join('; ');

export const analyticsParams = {
  productIds: () => idListParam(`Only these products (ids, 1-${MAX_IDS}); default every synced product.`, MAX_IDS).optional(),
  productId: () => idParam('Product id, e.g. 25073 (list_products finds it by name). The product must have been synced with sync_data.'),
  testIds: () => idListParam(`Only the bugs of these tests (ids, 1-${MAX_IDS}), e.g. [109363].`, MAX_IDS).optional(),
  featureIds: () => idListParam(`Only the bugs of these features (ids, 1-${MAX_IDS}; list_features shows them).`, MAX_IDS).optional(),
  statuses: () => choices([...BUG_STATUSES], 'Bug statuses: accepted (by a person), auto_accepted, rejected, forwarded (open). Default: all.'),
  severities: () => choices([...SEVERITY_BUCKETS], 'Severities: critical, high, low (functional bugs), visual, content, custom. Default: all.'),
  bugTypes: () => choices([...BUG_TYPES], 'Bug types: functional (critical/high/low), visual, content, custom. Default: all.'),
  rejectReasons: () =>
    names('Reject reasons of rejected bugs, e.g. ["not_reproducible", "intended_behavior"] (also device_not_relevant, ignored_instructions, irrelevant, known_bug, request_timeout).', 10),
  authors: () => names('Only bugs reported by these testers (exact names, as list_users shows them).', 20),
  startDate: () =>
    z.string().min(1, 'must not be empty').max(100).optional().describe(`Start of the date range (UTC). Accepts ${dateForms}. Default: all time.`),
  endDate: () =>
    z.string().max(100).optional().describe('End of the range (inclusive, UTC), same forms as start_date. Default: now, or the end of the period start_date names (e.g. "Q4 2024").'),
  limit: (what: string, max: number, fallback: number) => wholeNumberParam(`How many ${what} to return, 1-${max} (default ${fallback}).`, 1, max).optional(),
};
