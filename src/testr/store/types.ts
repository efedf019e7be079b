/** Row shapes as stored (snake_case, like the tool results that show them). */
import type { StepResult, StepType } from '../engine/contract.js';

export type TestType = 'step' | 'explorer';
export type RunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface DefinitionRow {
  /** UUID. */
  id: string;
  /** The whole-number id of a definition made before ids were UUIDs. */
  legacy_id: number | null;
  owner_user: string;
  name: string;
  description: string | null;
  target_url: string;
  test_type: TestType;
  explorer_prompt: string | null;
  max_credit_spend: number | null;
  is_active: boolean;
  total_steps: number;
  created_at: string;
  updated_at: string;
}

export interface StepDefinitionRow {
  id: number;
  step_number: number;
  step_text: string;
  step_type: StepType;
}

export interface NewDefinition {
  name: string;
  description?: string;
  targetUrl: string;
  testType: TestType;
  steps: Array<{ text: string; stepType: StepType }>;
  explorerPrompt?: string;
  maxCreditSpend?: number;
}

export interface RunRow {
  /** UUID. */
  id: string;
  /** The whole-number id of a run made before ids were UUIDs. */
  legacy_id: number | null;
  test_definition_id: string;
  status: RunStatus;
  name: string;
  target_url: string;
  test_type: TestType;
  total_steps: number;
  credits_reserved: number;
  credits_used: number | null;
  session_id: string;
  owner_user: string;
  /** The process holding the run's lease (informational pid, random instance id). */
  owner_pid: number;
  owner_instance: string;
  /** Epoch ms; the run is recovered once this passes without renewal. */
  lease_expires_at: number;
  gif_path: string | null;
  failed_step: number | null;
  error: string | null;
  console_errors: string[];
  network_failures: string[];
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
}

export interface StepResultRow {
  step_number: number;
  step_text: string;
  status: StepResult['status'];
  duration_ms: number;
  matched: string | null;
  error: string | null;
}

/** A server process: its pid (informational only, pids repeat across containers) and a random instance id. */
export interface RunOwner {
  pid: number;
  instance: string;
}

export interface NewRun {
  /** The user the run belongs to and whose credits it reserves. */
  user: string;
  definition: DefinitionRow;
  totalSteps: number;
  cost: number;
  sessionId: string;
  /** The process that queued it holds its lease until it starts (then the executing process does). */
  owner: RunOwner;
  /** Epoch ms the first lease lasts until. */
  leaseUntil: number;
}

export interface RunEnd {
  status: Extract<RunStatus, 'completed' | 'failed' | 'cancelled'>;
  /** Charged credits; capped at the reservation, the rest is refunded. */
  creditsUsed: number;
  error?: string;
  failedStep?: number;
  gifPath?: string;
  consoleErrors?: string[];
  networkFailures?: string[];
  /** Explorer runs learn their length only at the end. */
  totalSteps?: number;
}
