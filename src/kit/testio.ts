/**
 * What TestIO tools need from the TestIO area: parameters, result schemas, renderers and limits.
 * Plugins import from here, never from inside src/testio/.
 */
export { STATUS_REPORT_VIEW } from '../apps/views.js';
export { statusReportPictures } from '../testio/charts/pictures.js';
export { resolveDateRange } from '../testio/dates/index.js';
export * from '../testio/params.js';
export { renderActivity } from '../testio/render/activity.js';
export { renderBugRows, renderBugSummary } from '../testio/render/bugs.js';
export { counts, hours, pct, when } from '../testio/render/format.js';
export { renderStatusReport } from '../testio/render/status-report.js';
export { renderBugWrite, renderTestWrite } from '../testio/render/writes.js';
export { markdownTable } from '../testio/render/table.js';
export { renderTestRows } from '../testio/render/tests.js';
export { activityOutput, DATE_FIELDS, LISTED_TESTS_BUDGET } from '../testio/services/activity-service.js';
export { BUG_STATUSES, BUG_TYPES, FUNCTIONAL_SEVERITIES } from '../testio/services/bug-classify.js';
export { bugFilterCatalog } from '../testio/services/bug-filters.js';
export { MAX_PAGE_SIZE } from '../testio/services/bug-query-service.js';
export { CACHE_KINDS, cacheClearOutput, cacheStatsOutput, type CacheReport } from '../testio/services/cache-service.js';
export { healthOutput, type HealthReport } from '../testio/services/health-service.js';
export { MAX_PRODUCTS, productListOutput } from '../testio/services/product-service.js';
export { bugRowSchema, bugSummarySchema, reportTestSchema, testDetailsSchema, testRowSchema, testStatusOutput } from '../testio/services/schemas.js';
export { MAX_TEST_ROWS, MAX_TEST_ROWS_WITH_BUGS, testListOutput } from '../testio/services/test-list-service.js';
export { RECENT_BUGS } from '../testio/services/test-status-service.js';
export { MAX_BULK_BUGS } from '../testio/services/bug-review-service.js';
export { TESTING_TYPES } from '../testio/services/test-write-service.js';
export { writeCall } from '../testio/services/write-call.js';
export { bugWriteOutput, testWriteOutput } from '../testio/services/write-schemas.js';
export { START_AT_FORMS } from '../testio/dates/start-at.js';
