/**
 * Explorer mode: bounded best-first exploration toward the prompt's goal, without AI by default.
 * Each browser action (click, fill, check, select, submit, navigate) is one credit and one
 * StepResult. Stops when a submit related to the goal shows a success signal, when the budget is
 * spent, or when nothing is left to try.
 */
import type { EngineRunOutcome, EngineRunRequest, StepResult } from './contract.js';
import { navigateTo, settle, type ActionContext } from './actions.js';
import type { Page } from 'playwright-core';
import { freshLines, isDestructive, judgeSuccess, parseGoal, reachedDestination, type Goal, type GoalJudgement } from './explorer-goal.js';
import { chooseWithLlm } from './explorer-llm.js';
import { elementLocator, snapshotPage, type PageSnapshot } from './explorer-page.js';
import { pageKey, planOptions, type ExplorerMemory, type PlanOption, type PlanStep } from './explorer-plan.js';
import { finishSession, maskSecrets, report, stepCaption, timeoutMessage } from './outcome.js';
import { headings, visibleText } from './page-text.js';
import { whileResponsive } from './responsive.js';
import { startRun } from './run-start.js';
import type { RunSession } from './run-session.js';
import { failureMessage, StepFailure } from './timing.js';

export function describeStep(step: PlanStep): string {
  switch (step.action) {
    case 'fill':
      return `fill "${step.element.name}" with ${step.secret ? 'a generated password' : step.value}`;
    case 'check':
      return `check "${step.element.name}"`;
    case 'select':
      return `select "${step.option}" in "${step.element.name}"`;
    case 'click':
      return `click ${step.element.kind === 'link' ? 'link' : 'button'} "${step.element.name}"`;
    case 'press_enter':
      return `press Enter in "${step.element.name}"`;
    case 'navigate':
      return `navigate to ${step.url}`;
  }
}

async function perform(step: PlanStep, ctx: ActionContext): Promise<string | undefined> {
  const timeout = ctx.actionTimeoutMs;
  if (step.action === 'navigate') return (await navigateTo(ctx, step.url)).matched;
  const locator = elementLocator(ctx.page, step.element);
  switch (step.action) {
    case 'fill':
      if (step.secret) ctx.secrets.add(step.value);
      await locator.fill(step.value, { timeout });
      break;
    case 'check':
      await locator.check({ timeout });
      break;
    case 'select':
      await locator.selectOption({ label: step.option }, { timeout });
      break;
    case 'click':
      // Checked again at the last moment: the planner filters these, this is the backstop.
      if (isDestructive(step.element.name, step.element.href)) throw new StepFailure(`Refused to click "${step.element.name}": it looks destructive.`);
      await locator.click({ timeout });
      await settle(ctx);
      break;
    case 'press_enter':
      await locator.press('Enter', { timeout });
      await settle(ctx);
      break;
  }
  return step.element.href ? `${step.element.kind} → ${step.element.href}` : undefined;
}

/**
 * Whether the option just performed met the goal, and the evidence either way. A submit (or a
 * field typed into and entered) is judged by what it changed, against the goal's subject; any
 * relevant action can also land on the goal's destination on the way.
 */
async function judgeOption(goal: Goal, option: PlanOption, { before, from }: { before: string; from: string }, page: Page, read: <T>(work: Promise<T>) => Promise<T>): Promise<GoalJudgement> {
  const after = await read(visibleText(page));
  const heads = await read(headings(page));
  const lastStep = option.steps.at(-1);
  const control = lastStep && 'element' in lastStep ? lastStep.element.name : undefined;
  let rejected: GoalJudgement = { reached: false };
  // A goal that only asks to reach a place is judged by the place, not by a message on the way.
  if (option.submitsGoal && goal.destination.length === 0) {
    const typed = option.steps.flatMap((s) => (s.action === 'fill' ? [s.value] : []));
    const judged = judgeSuccess(goal, { before, after, headings: heads, typed, ...(control ? { control } : {}) });
    if (judged.reached) return judged;
    rejected = judged;
  }
  if (option.score >= 0.5) {
    // What the action revealed counts only within the same document (a single-page app's view);
    // a new page is judged by its title and headings, not by every word on it.
    const revealed = pageKey(page.url()) === from ? freshLines(before, after) : [];
    const evidence = reachedDestination(goal, [heads, ...revealed].join('\n'), control);
    if (evidence) return { reached: true, evidence };
  }
  return rejected;
}

export async function runExplorer(request: EngineRunRequest, prompt: string, maxActions: number): Promise<EngineRunOutcome> {
  const started = await startRun(request, []);
  if ('outcome' in started) return started.outcome;
  return explore(request, started.session, parseGoal(prompt), maxActions);
}

async function explore(request: EngineRunRequest, session: RunSession, goal: Goal, maxActions: number): Promise<EngineRunOutcome> {
  const ctx = session.actions;
  const steps: StepResult[] = [];
  const memory: ExplorerMemory = { visited: new Set(), tried: new Set(), frontier: new Map(), generated: ctx.generated };
  const history: string[] = [];
  let credits = 0;
  let goalReached = false;
  let error: string | undefined;

  try {
    await navigateTo(ctx, request.targetUrl);
  } catch (e) {
    error = `Could not open the target URL ${request.targetUrl}: ${failureMessage(e)}`;
  }
  await session.recorder.capture(session.page, error ?? `Exploring ${request.targetUrl}: ${goal.prompt}`);

  // Page reads have no timeout of their own: a page that locks its script fails them.
  const read = <T>(work: Promise<T>): Promise<T> => whileResponsive(() => session.page, ctx.actionTimeoutMs, ctx.signal, work);
  while (!error && !goalReached && credits < maxActions && !session.abortReason()) {
    memory.visited.add(pageKey(session.page.url()));
    let snapshot: PageSnapshot | undefined;
    try {
      snapshot = await read(snapshotPage(session.page).catch(() => undefined));
    } catch (e) {
      error = failureMessage(e);
      break;
    }
    if (!snapshot) break;
    const options = planOptions(goal, snapshot, memory, ctx.safety);
    if (options.length === 0) {
      error = `Nothing left to try on ${snapshot.url} after ${credits} action(s); the goal was not reached.`;
      break;
    }
    const llmIndex = request.options.llm ? await chooseWithLlm(request.options.llm, goal.prompt, snapshot, options, history, ctx.signal) : undefined;
    const option = options[llmIndex ?? 0] as PlanOption;
    memory.tried.add(option.key);
    const before = await read(visibleText(session.page)).catch(() => '');
    const from = pageKey(session.page.url());
    let completed = true;
    for (const step of option.steps) {
      if (credits >= maxActions || session.abortReason()) {
        completed = false;
        break;
      }
      credits++;
      const stepText = describeStep(step);
      const started = Date.now();
      try {
        const matched = await read(
          (async () => {
            const detail = await perform(step, ctx);
            await session.followNewTab();
            return detail;
          })(),
        );
        if (session.abortReason()) throw new Error('stopped');
        const note = llmIndex !== undefined ? 'chosen by the LLM' : undefined;
        const detail = [matched, note].filter(Boolean).join('; ');
        report(request, steps, { stepNumber: steps.length + 1, stepText, status: 'passed', durationMs: Date.now() - started, ...(detail ? { matched: detail } : {}) }, ctx.secrets);
        history.push(stepText);
      } catch (e) {
        if (session.abortReason() === 'cancelled') credits--;
        const why = session.abortReason();
        const message = why === 'cancelled' ? 'The run was cancelled.' : why === 'timeout' ? timeoutMessage(session) : failureMessage(e);
        report(request, steps, { stepNumber: steps.length + 1, stepText, status: why === 'cancelled' ? 'skipped' : 'failed', durationMs: Date.now() - started, error: message }, ctx.secrets);
        history.push(`${stepText} (failed)`);
        completed = false;
        break;
      }
      await session.recorder.capture(session.page, stepCaption(steps.at(-1), maxActions, 'Action'));
    }
    if (!completed) continue;
    const verdict = await judgeOption(goal, option, { before, from }, session.page, read).catch((): GoalJudgement => ({ reached: false }));
    goalReached = verdict.reached;
    const last = steps.at(-1);
    if (verdict.evidence && last) {
      const note = `${verdict.reached ? 'goal reached' : 'not the goal'}: ${verdict.evidence}`;
      last.matched = maskSecrets(last.matched ? `${last.matched}; ${note}` : note, ctx.secrets);
    }
  }

  const why = session.abortReason();
  let status: EngineRunOutcome['status'] = goalReached ? 'completed' : 'failed';
  if (why === 'cancelled') {
    status = 'cancelled';
    error = 'The run was cancelled.';
  } else if (why === 'timeout') {
    error = timeoutMessage(session);
  } else if (!goalReached && !error) {
    error = `The goal was not reached within the budget of ${maxActions} action(s).`;
  }
  if (goalReached) error = undefined;
  const recording = await finishSession(request, session);
  return {
    status,
    steps,
    creditsUsed: credits,
    ...(error !== undefined ? { error } : {}),
    ...recording,
    goalReached,
  };
}
