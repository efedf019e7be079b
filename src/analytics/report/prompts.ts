/**
 * The prompts analyze-product-quality and prep-meeting: each leads an assistant through the right
 * tool calls in order (find the product, make sure the store is fresh, the quality report, focused
 * query_metrics, the playbook), then says what to write.
 */
import { z } from 'zod';

export const PROMPT_TOOLS = ['generate_quality_report', 'query_metrics'];

const productArg = z.string().describe('Product id or name, e.g. 25073 or "Acme Online Banking"');
const periodArg = z.string().optional().describe('Period in any date form the tools accept, e.g. "this quarter", "last 90 days", "Q4 2024" (default: last 90 days)');

export const analyzeArgs = {
  product: productArg,
  period: periodArg,
  focus: z.string().optional().describe('quality (default), triage, features or testers'),
};

export const meetingArgs = {
  product: productArg,
  period: periodArg,
  audience: z.string().optional().describe('executive (default), engineering or qa'),
};

const FOCUS: Record<string, string> = {
  quality: 'query_metrics with metrics ["bug_count", "severity_score", "bugs_per_test"], dimensions ["month", "severity"]: how severe the findings are over time.',
  triage: 'query_metrics with metrics ["review_rate", "auto_acceptance_rate", "rejection_rate"], dimensions ["month"]; then metrics ["bug_count"], dimensions ["reject_reason"], filters {"status": ["rejected"]}: is review keeping up, and why are bugs rejected.',
  features: 'query_metrics with metrics ["bug_count", "severity_score", "rejection_rate"], dimensions ["feature"]; then dimensions ["feature", "severity"] with filters {"severity": ["critical", "high"]}: where the risk sits.',
  testers: 'query_metrics with metrics ["bug_count", "rejection_rate", "acceptance_rate"], dimensions ["tester"], limit 15: who finds accepted bugs, and whose reports get rejected.',
};

const AUDIENCE: Record<string, string> = {
  executive: 'Five bullets at most: overall health (traffic lights from the health indicators), the trend against the previous period, the top risk, and one decision you need. No bug ids.',
  engineering: 'Critical and high bugs by feature, open critical bugs to fix (list_bugs with severity critical and status forwarded, if served), and platforms with the most bugs (query_metrics by platform).',
  qa: 'Review health in detail: review, rejection and auto-acceptance rates with their thresholds, top reject reasons, and the forwarded queue to triage before it auto-accepts.',
};

const steps = (product: string, period: string) => [
  `1. Find the product: if "${product}" is not a numeric id, call list_products with search "${product}" and use the matching id.`,
  '2. Make sure the local store is fresh: call sync_data with that product id (it only fetches what changed).',
  `3. Call generate_quality_report with product_ids [id], start_date "${period}" (format markdown). Read its health indicators and its comparison with the previous period.`,
];

export function analyzeProductQuality(args: { product: string; period?: string; focus?: string }): string {
  const period = args.period?.trim() || 'last 90 days';
  const focus = FOCUS[args.focus?.trim().toLowerCase() ?? ''] ? args.focus!.trim().toLowerCase() : 'quality';
  return [
    `Analyse the quality of TestIO product "${args.product}" for ${period}, with a focus on ${focus}.`,
    '',
    ...steps(args.product, period),
    `4. Drill down: ${FOCUS[focus]} Use the same product filter ({"product": [id]}) and start_date "${period}".`,
    '5. Read the resource testio://knowledge/playbook for what each threshold means and the suggested actions; testio://knowledge/metrics defines every figure.',
    '',
    'Then write: a one-paragraph verdict, the health indicators with their status, what changed against the previous period (say "better" or "worse"), the two or three findings the drill-down shows, and concrete next actions from the playbook. Quote figures exactly as the tools return them; say when a rate is unknown because there were no bugs.',
  ].join('\n');
}

export function prepMeeting(args: { product: string; period?: string; audience?: string }): string {
  const period = args.period?.trim() || 'last 90 days';
  const audience = AUDIENCE[args.audience?.trim().toLowerCase() ?? ''] ? args.audience!.trim().toLowerCase() : 'executive';
  return [
    `Prepare a quality review meeting about TestIO product "${args.product}" for ${period}; the audience is ${audience}.`,
    '',
    ...steps(args.product, period),
    '4. Call query_metrics with metrics ["bug_count", "severity_score"], dimensions ["feature"], filters {"product": [id]}, the same start_date, limit 5: the features to talk about.',
    `5. For this audience: ${AUDIENCE[audience]}`,
    '6. Use testio://knowledge/playbook for the suggested actions.',
    '',
    'Write the meeting brief: a title with the product and period, a three-line summary, the agenda (3-5 items, most urgent first, each with the figure that motivates it and the question to decide), and the follow-ups. Keep every figure exactly as the tools return it.',
  ].join('\n');
}
