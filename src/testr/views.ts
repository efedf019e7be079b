/** Stored rows → the tool results (snake_case fields as the Testr tools have always shown them). */
import { pathToFileURL } from 'node:url';
import type { DefinitionRow, RunRow, StepDefinitionRow, StepResultRow } from './store/types.js';
import type { DefinitionSummary, GetDefinitionOutput, RunStatusOutput } from './tool-schemas.js';

export function definitionSummary(row: DefinitionRow): DefinitionSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    target_url: row.target_url,
    test_type: row.test_type,
    total_steps: row.total_steps,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function definitionDetail(row: DefinitionRow, steps: StepDefinitionRow[]): GetDefinitionOutput {
  return {
    testDefinition: {
      ...definitionSummary(row),
      is_active: row.is_active,
      ...(row.explorer_prompt !== null && { explorer_prompt: row.explorer_prompt }),
      ...(row.max_credit_spend !== null && { max_credit_spend: row.max_credit_spend }),
    },
    stepDefinitions: steps.map(({ id, step_number, step_text, step_type }) => ({ id, step_number, step_text, step_type })),
  };
}

export interface RunStatusExtras {
  /** For a run waiting in this server's queue (a run queued by another process has none). */
  queuePosition?: number;
  /** A problem the server is working around for this run (its end cannot be stored yet). */
  warning?: string;
}

export function runStatus(run: RunRow, steps: StepResultRow[], creditsRemaining: number, extras: RunStatusExtras = {}): RunStatusOutput {
  const { queuePosition, warning } = extras;
  const ran = steps.filter((step) => step.status !== 'skipped');
  const failed = steps.find((step) => step.step_number === run.failed_step) ?? steps.find((step) => step.status === 'failed');
  return {
    id: run.id,
    name: run.name,
    target_url: run.target_url,
    status: run.status,
    ...(run.status === 'pending' && queuePosition !== undefined && { queue_position: queuePosition }),
    test_type: run.test_type,
    total_steps: run.total_steps,
    completed_steps: ran.length,
    // While a run is open nothing is settled yet: show what it has spent so far.
    credits_used: run.credits_used ?? ran.length,
    started_at: run.started_at,
    completed_at: run.completed_at,
    gif_url: run.gif_path ? pathToFileURL(run.gif_path).href : null,
    session_id: run.session_id,
    steps,
    ...(run.status === 'failed' &&
      failed && {
        failed_step: { step_number: failed.step_number, step_text: failed.step_text, error: failed.error ?? run.error ?? 'failed' },
      }),
    error: run.error,
    console_errors: run.console_errors,
    network_failures: run.network_failures,
    credits_remaining: creditsRemaining,
    ...(warning !== undefined && { warning }),
  };
}
