/**
 * "X appears" / "X is displayed after": X must become visible after the action before it, not
 * have been there all along. Before that action runs (or, when no action precedes it, right
 * after the target URL opened) the runner notes whether X was already visible; the check fails
 * if it was.
 */
import type { ActionContext } from './actions.js';
import { findNow } from './locate.js';
import { textMatches, visibleText } from './page-text.js';
import type { StepAction } from './step-types.js';
import { StepFailure } from './timing.js';

export interface Baselines {
  /** Action index (-1: opening the target URL) → the "appears" checks that compare against the page before it. */
  anchors: Map<number, number[]>;
  /** "appears" check index → whether its text or element was already visible at its anchor. */
  wasVisible: Map<number, boolean>;
}

function isAssertion(action: StepAction): boolean {
  return action.kind.startsWith('verify_') || action.kind.startsWith('wait_');
}

export function planBaselines(flat: StepAction[]): Baselines {
  const anchors = new Map<number, number[]>();
  flat.forEach((action, k) => {
    if (!('appears' in action) || !action.appears) return;
    let anchor = k - 1;
    while (anchor >= 0 && isAssertion(flat[anchor] as StepAction)) anchor--;
    anchors.set(anchor, [...(anchors.get(anchor) ?? []), k]);
  });
  return { anchors, wasVisible: new Map() };
}

/** Called before action `index` runs (and with -1 once the target URL is open). */
export async function baselineFor(ctx: ActionContext, flat: StepAction[], index: number, baselines: Baselines): Promise<void> {
  const checks = baselines.anchors.get(index);
  if (!checks) return;
  const text = await visibleText(ctx.page);
  for (const k of checks) {
    const action = flat[k];
    if (action?.kind === 'verify_text') baselines.wasVisible.set(k, textMatches(text, action.query));
    else if (action?.kind === 'verify_element') baselines.wasVisible.set(k, (await findNow(ctx.page, action.target, 'visible')) !== undefined);
  }
}

export function checkAppeared(action: StepAction, index: number, baselines: Baselines): void {
  if (!('appears' in action) || !action.appears || !baselines.wasVisible.get(index)) return;
  const what = action.kind === 'verify_text' ? `"${action.query.text}"` : action.kind === 'verify_element' ? `"${action.target.name || action.target.generic || ''}"` : 'It';
  throw new StepFailure(`${what} was already visible before the step before this one, so it did not appear after it; "appears" needs it to show up as a result of that step (use "is visible" to check it is there at all).`);
}
