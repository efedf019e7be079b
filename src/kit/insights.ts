/**
 * What the insight tools (query_metrics, get_analytics_capabilities, generate_quality_report)
 * need: the metric registry's parameters and engine, the quality report, their renderings,
 * pictures and app views. Plugins import from here, never from inside src/analytics/. The two
 * engines compile SQL with Kysely, so they load on their first call (the warm-up imports every
 * tool module and must not load Kysely).
 */
import { lazyFunction } from '../platform/lazy.js';

export { METRICS_VIEW, QUALITY_REPORT_VIEW } from '../apps/views.js';
export { metricsPicture } from '../analytics/charts/metrics.js';
export { qualityReportPicture } from '../analytics/charts/quality-report.js';
export { svgPicture } from '../charts/picture.js';
export { analyticsCapabilities } from '../analytics/metrics/capabilities.js';
export { metricsRequest, optionalPeriod, queryMetricsInput } from '../analytics/metrics/params.js';
export type { MetricsAnswer } from '../analytics/metrics/query-metrics.js';
export { DIMENSION_NAMES, METRIC_NAMES, MAX_DIMENSIONS } from '../analytics/metrics/registry.js';
export { renderMetrics } from '../analytics/metrics/render.js';
export { renderQualityReport } from '../analytics/report/render.js';
export { qualityReportOutput, TEST_LIST_LIMIT, type QualityReport } from '../analytics/report/schema.js';

export const queryMetrics = lazyFunction(() => import('../analytics/metrics/query-metrics.js'), 'queryMetrics');
export const buildQualityReport = lazyFunction(() => import('../analytics/report/quality-report.js'), 'buildQualityReport');
