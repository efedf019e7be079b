/**
 * Parameter schemas shared by the TestIO tools (zod 3), so a parameter has one name, one set of
 * choices and one description everywhere. Enums are z.enum so the JSON schema lists the choices.
 */
import { z } from 'zod';
import { idListParam, idParam } from '../platform/params.js';
import { ACCEPTED_DATE_FORMS } from './dates/index.js';
import { DATE_FIELDS } from './services/activity-service.js';
import { BUG_STATUSES, BUG_TYPES, FUNCTIONAL_SEVERITIES } from './services/bug-classify.js';
import { MAX_BULK_BUGS } from './services/bug-review-service.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './services/bug-query-service.js';
import { PRODUCT_TYPES } from './services/product-service.js';
import { TEST_STATUSES } from './services/test-list-service.js';

export const MAX_REPORT_TESTS = 25;
/** Ten products with bug totals and listed tests still fit in one answer of under 20,000 characters. */
export const MAX_ACTIVITY_PRODUCTS = 10;

export const testIdParam = () => idParam('Exploratory test (test cycle) id, e.g. 109363.');
export const productIdParam = () => idParam('Product id, e.g. 25073 (list_products finds it by name).');
export const testIdsParam = () => idListParam(`Test ids to include, 1-${MAX_REPORT_TESTS}, e.g. [109363, 109364].`, MAX_REPORT_TESTS);
export const productIdsParam = () =>
  idListParam(`Product ids, 1-${MAX_ACTIVITY_PRODUCTS}, e.g. [25073]; a single id is accepted too.`, MAX_ACTIVITY_PRODUCTS);

export const bugTypeParam = () =>
  z
    .enum([...BUG_TYPES, 'all'])
    .optional()
    .describe('Bug type: functional (has a severity), visual, content, custom, or all (default).');
export const severityParam = () =>
  z
    .enum([...FUNCTIONAL_SEVERITIES, 'all'])
    .optional()
    .describe('Functional-bug severity: low, high, critical, or all (default). Setting one implies bug_type functional.');
export const bugStatusParam = () =>
  z
    .enum([...BUG_STATUSES, 'all'])
    .optional()
    .describe('Bug status: accepted (by a person), auto_accepted, rejected, forwarded (open), or all (default).');

export const pageSizeParam = () =>
  z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
    .optional()
    .describe(`Bugs per page, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`);
export const continuationTokenParam = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(2000, 'is too long to be a token from this server')
    .optional()
    .describe('The continuation_token of the previous page, with the same filters. Omit for the first page.');

export const testStatusesParam = () =>
  z
    .array(z.enum(TEST_STATUSES))
    .optional()
    .describe('Only tests in these statuses, e.g. ["running"] for the active ones. Default: every test, whatever its status.');
export const productTypeParam = () => z.enum(PRODUCT_TYPES).optional().describe('Only products of this type.');
export const searchParam = () =>
  z.string().max(200, 'must be at most 200 characters').optional().describe('Text to find in product names and descriptions (case-insensitive).');

export const reportFormatParam = () =>
  z.enum(['markdown', 'text', 'json']).default('markdown').describe('How the text block is written: markdown (default), plain text, or json.');

const dateForms = ACCEPTED_DATE_FORMS.join('; ');
export const startDateParam = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(100)
    .describe(
      `Start of the range (UTC). Accepts ${dateForms}. Nothing runs past now: "last N days" is exactly N × 24 h ending now, "N months ago" runs from then until now, "today" and "this month" end now.`,
    );
export const endDateParam = () =>
  z
    .string()
    .max(100)
    .optional()
    .describe('End of the range (inclusive, UTC), same forms as start_date. Default: now, or the end of the past period start_date names (e.g. "Q4 2024").');
export const dateFieldParam = () =>
  z
    .enum(DATE_FIELDS)
    .default('start_at')
    .describe('Which test date must fall in the range: start_at (default), end_at, or any (the test overlaps the range).');

export const bugIdParam = () => idParam('Bug id, e.g. 4210 (get_test_bugs lists the ids of a test).');
export const bugIdsParam = () =>
  idListParam(`One bug id or a list of up to ${MAX_BULK_BUGS}, e.g. [4210, 4211]; only forwarded (open) bugs can be reviewed.`, MAX_BULK_BUGS);
