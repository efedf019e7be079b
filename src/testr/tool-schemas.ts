/**
 * Output schemas and markdown renderers shared by the five Testr tools, so every tool describes
 * definitions and runs the same way. Only zod here: plugins import this file at server start.
 */
import { z } from 'zod';
import { escapeTableCell, plural } from '../platform/text.js';
import { isCanonicalId } from './ids.js';
import { MAX_CONCURRENT_RUNS } from './run-scheduler.js';

const testType = z.enum(['step', 'explorer']).describe("'step': fixed steps; 'explorer': goal-driven exploration");
const runStatus = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']);
const timestamp = z.string().describe('ISO 8601 time (UTC)');
const uuid = (what: string) => z.string().describe(`${what} (UUID, e.g. 123e4567-e89b-12d3-a456-426614174000)`);

export const definitionSummarySchema = z.object({
  id: uuid('Test definition id'),
  name: z.string(),
  description: z.string().nullable(),
  target_url: z.string(),
  test_type: testType,
  total_steps: z.number().int().describe('Number of steps (0 for explorer tests)'),
  created_at: timestamp,
  updated_at: timestamp,
});
export type DefinitionSummary = z.infer<typeof definitionSummarySchema>;

export const listDefinitionsOutput = {
  definitions: z.array(definitionSummarySchema),
  totalCount: z.number().int().describe('Definitions matching the search, over all pages'),
  page: z.number().int(),
  pageSize: z.number().int(),
};
export type ListDefinitionsOutput = z.infer<z.ZodObject<typeof listDefinitionsOutput>>;

export const definitionDetailSchema = definitionSummarySchema.extend({
  is_active: z.boolean(),
  explorer_prompt: z.string().optional(),
  max_credit_spend: z.number().int().optional(),
});

export const stepDefinitionSchema = z.object({
  id: z.number().int(),
  step_number: z.number().int(),
  step_text: z.string(),
  step_type: z.enum(['action', 'verification']),
});

export const getDefinitionOutput = {
  testDefinition: definitionDetailSchema,
  stepDefinitions: z.array(stepDefinitionSchema),
};
export type GetDefinitionOutput = z.infer<z.ZodObject<typeof getDefinitionOutput>>;

export const createDefinitionOutput = {
  testDefinitionId: uuid('The new test definition id'),
  message: z.string(),
  steps: z
    .array(
      z.object({
        step_number: z.number().int(),
        step_text: z.string(),
        read_as: z.array(z.string()).describe('What the runner will do, one line per action (a multi-action step expands into several)'),
        rewritten_from: z.string().optional().describe('When TESTR_LLM_* is set: the step as written, which the model rewrote into this grammar step at creation'),
      }),
    )
    .optional()
    .describe("Step tests: how each step was read, e.g. 'click the button named \"Sign Up\"'"),
};
export type CreateDefinitionOutput = z.infer<z.ZodObject<typeof createDefinitionOutput>>;

export const startRunOutput = {
  testRunId: uuid('The run id, for get-test-run-status and cancel-test-run'),
  status: runStatus.describe("'running' when a slot was free, else 'pending' (queued)"),
  name: z.string(),
  targetUrl: z.string(),
  testType: testType,
  totalSteps: z.number().int().describe('Steps to run; for explorer runs the most browser actions allowed'),
  message: z.string(),
};
export type StartRunOutput = z.infer<z.ZodObject<typeof startRunOutput>>;

export const stepResultSchema = z.object({
  step_number: z.number().int(),
  step_text: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  duration_ms: z.number().int(),
  matched: z.string().nullable().describe('What the step acted on, e.g. button "Sign Up"'),
  error: z.string().nullable(),
});

export const runStatusOutput = {
  id: uuid('Test run id'),
  name: z.string(),
  target_url: z.string(),
  status: runStatus,
  queue_position: z.number().int().positive().optional().describe('For a pending run: its place in the queue, 1 = starts when the next slot frees up'),
  test_type: testType,
  total_steps: z.number().int().describe('Steps to run; for explorer runs the action budget until finished, then the actions taken'),
  completed_steps: z.number().int().describe('Steps (or explorer actions) finished so far'),
  credits_used: z.number().int(),
  started_at: timestamp.nullable(),
  completed_at: timestamp.nullable(),
  gif_url: z.string().nullable().describe('The animated GIF recording once written: on the team server a signed link that expires (call again for a fresh one), on stdio a file:// URL'),
  session_id: z.string(),
  steps: z.array(stepResultSchema),
  failed_step: z.object({ step_number: z.number().int(), step_text: z.string(), error: z.string() }).optional(),
  error: z.string().nullable().describe('Why the run failed or was cancelled, when it did'),
  console_errors: z.array(z.string()),
  network_failures: z.array(z.string()),
  credits_remaining: z.number().int(),
  warning: z.string().optional().describe('A problem the server is working around, e.g. the result cannot be stored yet because the disk is full'),
};
export type RunStatusOutput = z.infer<z.ZodObject<typeof runStatusOutput>>;

export const cancelRunOutput = {
  testRunId: uuid('The cancelled run'),
  status: runStatus.describe("'cancelled', or the status the run had already reached"),
  creditsUsed: z.number().int().describe('Credits charged for the steps (or actions) that ran'),
  creditsRefunded: z.number().int().describe('Credits given back for the steps not run'),
  creditsRemaining: z.number().int(),
  message: z.string(),
};
export type CancelRunOutput = z.infer<z.ZodObject<typeof cancelRunOutput>>;

/* ---------- markdown renderers ---------- */

const cell = (text: string | null | undefined) => escapeTableCell(text ?? '').trim();

export function renderDefinitionList(output: ListDefinitionsOutput): string {
  const { definitions, totalCount, page, pageSize } = output;
  if (totalCount === 0) return 'No test definitions found. Create one with create-test-definition.';
  const pages = Math.max(1, Math.ceil(totalCount / pageSize));
  const lines = [`## Test definitions (page ${page} of ${pages}, ${totalCount} in all)`, ''];
  if (definitions.length === 0) {
    lines.push(`Page ${page} is past the end; ask for a page from 1 to ${pages}.`);
    return lines.join('\n');
  }
  lines.push('| ID | Name | Type | Steps | Target URL | Updated |', '|---|---|---|---|---|---|');
  for (const d of definitions) {
    const steps = d.test_type === 'explorer' ? 'explorer' : String(d.total_steps);
    lines.push(`| ${d.id} | ${cell(d.name)} | ${d.test_type} | ${steps} | ${cell(d.target_url)} | ${d.updated_at.slice(0, 10)} |`);
  }
  if (page < pages) lines.push('', `More on page ${page + 1}.`);
  return lines.join('\n');
}

export function renderDefinition(output: GetDefinitionOutput): string {
  const d = output.testDefinition;
  const lines = [`## Test definition: ${d.name}`, ''];
  if (d.description) lines.push(d.description, '');
  lines.push(
    `- **Id:** ${d.id}`,
    `- **Target URL:** ${d.target_url}`,
    `- **Type:** ${d.test_type}${d.is_active ? '' : ' (inactive: cannot be run)'}`,
    `- **Created:** ${d.created_at}`,
  );
  if (d.test_type === 'explorer') {
    lines.push(`- **Goal:** ${d.explorer_prompt ?? ''}`, `- **Credit budget:** ${d.max_credit_spend ?? 0} (1 credit per browser action)`);
  } else {
    lines.push(`- **Cost per run:** ${plural(d.total_steps, 'credit')} (1 per step)`, '', '### Steps');
    for (const s of output.stepDefinitions) lines.push(`${s.step_number}. ${s.step_text}${s.step_type === 'verification' ? ' _(verification)_' : ''}`);
  }
  lines.push('', `Run it with start-test-run (testDefinitionId ${d.id}).`);
  return lines.join('\n');
}

export function renderCreated(output: CreateDefinitionOutput): string {
  const read = (output.steps ?? []).map((s) => `${s.step_number}. ${s.step_text}${s.rewritten_from ? ` (rewritten by the model from "${s.rewritten_from}")` : ''}\n${s.read_as.map((r) => `   → ${r}`).join('\n')}`);
  const echo = read.length ? `\n\nSteps as read:\n${read.join('\n')}` : '';
  return `${output.message}${echo}\n\nNext: start-test-run with testDefinitionId ${output.testDefinitionId}.`;
}

export function renderRunStarted(output: StartRunOutput): string {
  return [
    `## Test run ${output.status}: ${output.name}`,
    '',
    `- **Run id:** ${output.testRunId}`,
    `- **Test:** ${output.name} (${output.testType}, ${output.totalSteps} ${output.testType === 'explorer' ? 'actions at most' : 'steps'})`,
    `- **Target URL:** ${output.targetUrl}`,
    '',
    output.message,
  ].join('\n');
}

export function renderRunCancelled(output: CancelRunOutput): string {
  return [
    `## Test run ${output.status}`,
    '',
    `- **Run id:** ${output.testRunId}`,
    `- **Credits:** ${output.creditsUsed} used, ${output.creditsRefunded} refunded, ${output.creditsRemaining} remaining`,
    '',
    output.message,
  ].join('\n');
}

const STEP_ICON = { passed: '✅', failed: '❌', skipped: '⏭️' } as const;

export function renderRunStatus(output: RunStatusOutput): string {
  const lines = [
    `## Test run: ${output.name} — ${output.status}`,
    '',
    `- **Run id:** ${output.id}`,
    `- **Target URL:** ${output.target_url}`,
    ...(output.queue_position === undefined ? [] : [`- **Queue:** ${output.queue_position === 1 ? 'next to start' : `${plural(output.queue_position - 1, 'queued run')} ahead of it`} (at most ${MAX_CONCURRENT_RUNS} runs execute at once)`]),
    `- **Progress:** ${output.completed_steps} of ${output.total_steps} ${output.test_type === 'explorer' ? 'actions' : 'steps'}`,
    `- **Credits:** ${output.credits_used} used, ${output.credits_remaining} remaining`,
  ];
  if (output.started_at) lines.push(`- **Started:** ${output.started_at}`);
  if (output.completed_at) lines.push(`- **Finished:** ${output.completed_at}`);
  if (output.gif_url) lines.push(`- **Recording:** ${output.gif_url}`);
  if (output.warning) lines.push('', `**Warning:** ${output.warning}`);
  if (output.failed_step) {
    lines.push('', `**Failed at step ${output.failed_step.step_number}** (${output.failed_step.step_text}): ${output.failed_step.error}`);
  } else if (output.error) {
    lines.push('', `**${output.status === 'cancelled' ? 'Cancelled' : 'Error'}:** ${output.error}`);
  }
  if (output.steps.length > 0) {
    lines.push('', '| # | Step | Result | Time | Matched / error |', '|---|---|---|---|---|');
    for (const s of output.steps) {
      const detail = s.error ?? s.matched ?? '';
      lines.push(`| ${s.step_number} | ${cell(s.step_text)} | ${STEP_ICON[s.status]} ${s.status} | ${s.duration_ms} ms | ${cell(detail)} |`);
    }
  }
  const problems = [
    ...output.console_errors.map((e) => `- console: ${e}`),
    ...output.network_failures.map((e) => `- network: ${e}`),
  ];
  if (problems.length > 0) lines.push('', '### Page problems seen', ...problems.slice(0, 20));
  if (problems.length > 20) lines.push(`- … and ${problems.length - 20} more`);
  if (output.status === 'pending' || output.status === 'running') lines.push('', 'Still in progress: ask again in a few seconds.');
  return lines.join('\n');
}

/* ---------- input helpers ---------- */

/**
 * A test definition or run id: the UUID (any letter case). The whole-number id of a row made
 * before ids were UUIDs is accepted too, as a number or a string, and finds that row.
 */
export function testrIdParam(description: string) {
  return z
    .preprocess(
      (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim().toLowerCase() : value),
      z.string({ invalid_type_error: 'must be an id string such as 123e4567-e89b-12d3-a456-426614174000' }).refine(isCanonicalId, 'must be a UUID such as 123e4567-e89b-12d3-a456-426614174000'),
    )
    .describe(description);
}

/** The one whole-number parameter helper lives with idParam (kit/tool.ts exports it too). */
export { wholeNumberParam } from '../platform/params.js';
