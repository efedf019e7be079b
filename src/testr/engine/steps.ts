/**
 * The deterministic step grammar's public face: one natural-language step → what the runner does.
 * No AI, no browser, no playwright import (the service loads this eagerly to validate
 * definitions). The grammar itself lives in ./grammar/, one file per family.
 */
import { UserInputError } from '../../platform/errors.js';
import type { ParsedStep } from './contract.js';
import { describeAction } from './grammar/describe.js';
import { describeProblem, isProblem, readStep, readSteps, type StepProblem, type StepReading } from './grammar/read.js';
import type { StepAction } from './step-types.js';

export { readSteps, isProblem, describeProblem, type StepProblem, type StepReading };

export const STEP_FORMS_HINT =
  'Write each step in one of these forms: navigate to /signup · click the "Sign Up" button · press "Login" · ' +
  'type "ana@example.com" into the email field · fill in "Password" with "secret123" · enter a valid email address · ' +
  'select "Pro" from the "Plan" dropdown · check the "I agree" checkbox · press Enter · wait 2 seconds · ' +
  'wait for "Welcome" · verify that "Welcome" is visible · verify "Saved" appears · verify the "Save" button is disabled · ' +
  'verify the URL contains "/welcome" · the title should be "Acme" · I should be on the welcome page · ' +
  'verify the Email field has value "ana@example.com" · log in as ana@example.com with password secret.';

function refusal(problem: StepProblem, label: string): UserInputError {
  const message = describeProblem(problem).replace(/^Step \d+/, label);
  return new UserInputError('steps', message, STEP_FORMS_HINT);
}

/** One step → what the runner does; throws UserInputError('steps', ...) when it is not understood. */
export function parseActions(text: string, stepNumber?: number): StepAction[] {
  const r = readStep(text, stepNumber ?? 1);
  if (isProblem(r)) throw refusal(r, stepNumber === undefined ? 'This step' : `Step ${stepNumber}`);
  return r.actions;
}

/** The first action of a step (most steps have exactly one). */
export function parseAction(text: string, stepNumber?: number): StepAction {
  return parseActions(text, stepNumber)[0] as StepAction;
}

function toParsed(r: StepReading): ParsedStep {
  return { text: r.text, kind: r.actions.map((a) => a.kind).join('+'), stepType: r.stepType, summary: r.readings.join('; then ') };
}

/** Parse one step; `stepNumber` (1-based) only improves the error message. */
export function parseStep(text: string, stepNumber?: number): ParsedStep {
  const r = readStep(text, stepNumber ?? 1);
  if (isProblem(r)) throw refusal(r, stepNumber === undefined ? 'This step' : `Step ${stepNumber}`);
  return toParsed(r);
}

/** Parse a whole list; throws one error naming every step that is not understood. */
export function parseSteps(steps: readonly string[]): ParsedStep[] {
  const read = readSteps(steps);
  const problems = read.filter(isProblem);
  if (problems.length > 0) throw stepsRefused(problems, steps.length);
  return read.map((r) => toParsed(r as StepReading));
}

/** One error for every refused step of a list. */
export function stepsRefused(problems: StepProblem[], total: number): UserInputError {
  if (problems.length === 1 && problems[0]) return new UserInputError('steps', describeProblem(problems[0]), STEP_FORMS_HINT);
  const lines = problems.map((p) => `- ${describeProblem(p)}`);
  return new UserInputError('steps', `${problems.length} of ${total} steps could not be accepted:\n${lines.join('\n')}`, STEP_FORMS_HINT);
}

export function summarize(action: StepAction): string {
  return describeAction(action);
}
