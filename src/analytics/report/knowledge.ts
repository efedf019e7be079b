/**
 * The knowledge resources: testio://knowledge/playbook (thresholds and what to do, from
 * src/testio/playbook.ts) and testio://knowledge/metrics (every metric and dimension, from the
 * registry). Generated, so they always say what the tools do.
 */
import { ADVICE, THRESHOLDS, type RateName } from '../../testio/playbook.js';
import { AUTO_ACCEPTANCE_FLAG_THRESHOLD } from '../../testio/services/bug-classify.js';
import { metricsKnowledge } from '../metrics/capabilities.js';

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function playbookKnowledge(): string {
  const rows = (Object.keys(THRESHOLDS) as RateName[]).map((name) => {
    const { warn, critical, worse } = THRESHOLDS[name];
    const advice = ADVICE[name];
    const cmp = worse === 'above' ? '≥' : '<';
    return [
      `## ${advice.label} (\`${name}\`)`,
      advice.why,
      `- warn: ${cmp} ${pct(warn)} → ${advice.action.warn}`,
      `- critical: ${cmp} ${pct(critical)} → ${advice.action.critical}`,
      `- ok: ${advice.action.ok}`,
      `- unknown: ${advice.action.unknown}`,
    ].join('\n');
  });
  return [
    '# TestIO review playbook',
    '',
    'How to read the review rates of a product or test, and what to do when one is off. generate_quality_report applies exactly these thresholds in its health indicators; the pictures colour the gauges by them.',
    '',
    '## The bug arithmetic',
    'Each bug is in one bucket: accepted (by a person), auto_accepted (by TestIO after about 10 days without review), rejected, or open (forwarded).',
    'acceptance = (accepted + auto_accepted) / bugs; rejection = rejected / bugs; review = (accepted + rejected) / bugs; auto-acceptance = auto_accepted / (accepted + auto_accepted). Every rate is null (unknown) when there are no bugs.',
    `Status reports flag an auto-acceptance rate over ${pct(AUTO_ACCEPTANCE_FLAG_THRESHOLD)}.`,
    '',
    ...rows.flatMap((r) => [r, '']),
    '## Reading a quality report',
    '1. Health first: any critical indicator is the meeting\'s first item.',
    '2. Trend against the previous period: a rising rejection rate points at the briefing, a rising auto-acceptance rate at triage capacity.',
    '3. Features by bugs and severity score: where the risk sits. Query query_metrics by feature and severity to confirm.',
  ].join('\n');
}

export { metricsKnowledge };
