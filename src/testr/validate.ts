/**
 * Checks a new test definition before it is stored, so a test the runner cannot carry out is
 * refused at creation, before any credit is spent. Every error names the parameter at fault.
 */
import { UserInputError } from '../platform/errors.js';
import type { EngineDeps } from './engine-loader.js';
import { isProblem, readSteps, stepsRefused, type StepReading } from './engine/steps.js';
import type { NewDefinition, TestType } from './store/types.js';

export interface CreateDefinitionInput {
  name: string;
  description?: string;
  targetUrl: string;
  testType: TestType;
  steps?: string[];
  explorerPrompt?: string;
  maxCreditSpend?: number;
}

export const LIMITS = { name: 200, description: 2000, steps: 100, stepText: 500, explorerPrompt: 2000, maxCreditSpend: 1000 } as const;

const blank = (value: string | undefined) => value === undefined || value.trim() === '';

function checkLength(parameter: string, value: string | undefined, max: number): void {
  if (value !== undefined && value.length > max) {
    throw new UserInputError(parameter, `${parameter} is too long (${value.length} characters, at most ${max}).`, 'Shorten it.');
  }
}

/** How each stored step was read, echoed at creation. */
export interface StepEcho {
  step_number: number;
  step_text: string;
  read_as: string[];
  /** Set when the model rewrote a step the grammar could not read: the step as written. */
  rewritten_from?: string;
}

/** Rewrites an unreadable step into grammar steps (the model at creation), or undefined. */
export type StepRewriter = (step: string) => Promise<string[] | undefined>;

export async function validateDefinition(
  input: CreateDefinitionInput,
  engine: Pick<EngineDeps, 'parseStep' | 'checkTargetUrl'>,
  blockPrivateNetworks: boolean,
  rewrite?: StepRewriter,
): Promise<NewDefinition & { readings: StepEcho[] }> {
  if (blank(input.name)) throw new UserInputError('name', 'name must not be empty.', 'Give the test a short name such as "Sign-up works".');
  checkLength('name', input.name, LIMITS.name);
  checkLength('description', input.description, LIMITS.description);
  if (input.testType !== 'step' && input.testType !== 'explorer') {
    throw new UserInputError('testType', `testType must be 'step' or 'explorer' (got ${JSON.stringify(input.testType)}).`);
  }
  const targetUrl = (input.targetUrl ?? '').trim();
  if (targetUrl === '') throw new UserInputError('targetUrl', 'targetUrl must not be empty.', 'Give the http(s) URL of the page the test starts on.');
  await engine.checkTargetUrl(targetUrl, { blockPrivateNetworks });

  const base = { name: input.name.trim(), description: input.description?.trim() || undefined, targetUrl, testType: input.testType };
  if (input.testType !== 'step') return { ...base, ...explorerSettings(input), readings: [] };
  const { read, origins } = await parseSteps(input, rewrite);
  return {
    ...base,
    steps: read.map((r) => ({ text: r.text.trim(), stepType: r.stepType })),
    readings: read.map((r, i) => ({ step_number: i + 1, step_text: r.text.trim(), read_as: r.readings, ...(origins[i] ? { rewritten_from: origins[i] } : {}) })),
  };
}

/** Reads every step; refuses them all at once, each with the part not understood and a rewrite. */
async function parseSteps(input: CreateDefinitionInput, rewrite?: StepRewriter): Promise<{ read: StepReading[]; origins: Array<string | undefined> }> {
  if (!blank(input.explorerPrompt) || input.maxCreditSpend !== undefined) {
    throw new UserInputError(
      blank(input.explorerPrompt) ? 'maxCreditSpend' : 'explorerPrompt',
      'explorerPrompt and maxCreditSpend are only for explorer tests; a step test costs 1 credit per step.',
      "Drop them, or set testType to 'explorer'.",
    );
  }
  const steps = (input.steps ?? []).map((step) => (typeof step === 'string' ? step.trim() : ''));
  if (steps.length === 0 || steps.every((step) => step === '')) {
    throw new UserInputError('steps', 'A step test needs at least one non-empty step.', 'Pass steps such as ["click the \\"Sign Up\\" button", "verify the welcome message"].');
  }
  const emptyAt = steps.findIndex((step) => step === '');
  if (emptyAt >= 0) throw new UserInputError('steps', `Step ${emptyAt + 1} is empty.`, 'Remove it or write what the step should do.');
  if (steps.length > LIMITS.steps) throw new UserInputError('steps', `Too many steps (${steps.length}, at most ${LIMITS.steps}).`, 'Split the test in two.');
  steps.forEach((text, index) => checkLength(`steps[${index}]`, text, LIMITS.stepText));
  let read = readSteps(steps);
  let origins: Array<string | undefined> = steps.map(() => undefined);
  if (rewrite && read.some(isProblem)) {
    // Each unreadable step replaced by the model's grammar steps, then the whole list read again.
    const replaced: string[] = [];
    origins = [];
    for (const [i, r] of read.entries()) {
      const rewritten = isProblem(r) ? await rewrite(steps[i] ?? '') : undefined;
      for (const text of rewritten ?? [steps[i] ?? '']) {
        replaced.push(text);
        origins.push(rewritten ? steps[i] : undefined);
      }
    }
    if (replaced.length > LIMITS.steps) throw new UserInputError('steps', `Too many steps after the model's rewrite (${replaced.length}, at most ${LIMITS.steps}).`, 'Split the test in two.');
    read = readSteps(replaced);
  }
  const problems = read.filter(isProblem);
  if (problems.length > 0) throw stepsRefused(problems, read.length);
  return { read: read as StepReading[], origins };
}

function explorerSettings(input: CreateDefinitionInput): Pick<NewDefinition, 'steps' | 'explorerPrompt' | 'maxCreditSpend'> {
  if (input.steps !== undefined && input.steps.length > 0) {
    throw new UserInputError('steps', 'An explorer test takes no steps; it explores toward explorerPrompt.', "Drop steps, or set testType to 'step'.");
  }
  if (blank(input.explorerPrompt)) {
    throw new UserInputError(
      'explorerPrompt',
      'An explorer test needs a non-empty explorerPrompt.',
      'Describe the goal, e.g. "Subscribe to the newsletter with jane@example.com".',
    );
  }
  checkLength('explorerPrompt', input.explorerPrompt, LIMITS.explorerPrompt);
  const budget = input.maxCreditSpend;
  if (budget === undefined || !Number.isInteger(budget) || budget < 1) {
    throw new UserInputError(
      'maxCreditSpend',
      `An explorer test needs maxCreditSpend as a positive whole number${budget === undefined ? '' : ` (got ${budget})`}.`,
      'Each browser action costs 1 credit; 10 to 30 is typical.',
    );
  }
  if (budget > LIMITS.maxCreditSpend) {
    throw new UserInputError('maxCreditSpend', `maxCreditSpend is at most ${LIMITS.maxCreditSpend} (got ${budget}).`, 'Lower the budget.');
  }
  return { steps: [], explorerPrompt: (input.explorerPrompt as string).trim(), maxCreditSpend: budget };
}
