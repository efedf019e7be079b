/**
 * Reads steps: normalise, then the first grammar family that understands the step, then the
 * multi-action expansions. Every step of a list is read, so every refused step is reported at
 * once, each with the part not understood and the nearest accepted rewrite.
 */
import type { StepAction } from '../step-types.js';
import { describeAction } from './describe.js';
import { expandLogin, expandSearch, splitCompound } from './expand.js';
import { leaveEmpty, readIdiom } from './idioms.js';
import { readCheckbox, readClear, readClick, readCloseDialog, readFillFor, readFillWith, readHover, readPressKey, readScroll, readSelect, readSubmit, readType, readUpload } from './interact.js';
import { readHistory, readNavigate } from './navigate.js';
import { normalise, type Mood } from './normalise.js';
import { StepRefusal } from './refusal.js';
import { diagnose } from './suggest.js';
import { readVerify } from './verify.js';
import { readWait } from './wait.js';

type Reader = (s: string) => StepAction | undefined;

// Order matters: history before navigate ("go back"), keys before clicks ("press Enter"),
// select-from before click and checkbox, named checkboxes before "check ..." assertions.
const READERS: Reader[] = [
  readHistory, readNavigate, readWait, readScroll, readCloseDialog, readUpload, readSubmit, readPressKey, readSelect,
  readFillFor, readFillWith, readType, readClear, readCheckbox, readVerify, readHover, readClick, readIdiom,
];

const VERIFY_KINDS = new Set(['verify_text', 'verify_no_text', 'verify_element', 'verify_state', 'verify_count', 'verify_status', 'verify_url', 'verify_title', 'verify_page', 'verify_value']);

export interface StepReading {
  /** The step as written. */
  text: string;
  /** What the runner does, in order (several for an expanded multi-action step). */
  actions: StepAction[];
  /** One line per action, e.g. 'click the button named "Sign Up"'. */
  readings: string[];
  stepType: 'action' | 'verification';
  mood?: Mood;
}

export interface StepProblem {
  stepNumber: number;
  text: string;
  /** Why, e.g. 'asks for "rounded", which the runner cannot check'. */
  reason: string;
  part: string;
  suggestion?: string;
}

function readOne(s: string): StepAction | undefined {
  for (const read of READERS) {
    const action = read(s);
    if (action) return action;
  }
  return undefined;
}

function readsCleanly(candidate: string): boolean {
  try {
    return readOne(normalise(candidate).text) !== undefined;
  } catch {
    return false;
  }
}

/** The actions a normalised step means, or undefined. Throws StepRefusal for a step read but refused. */
function actionsOf(s: string, mood: Mood | undefined): StepAction[] | undefined {
  const one = readOne(s) ?? (/^(?:shows|displays)\s/i.test(s) ? readOne(`see ${s.replace(/^\S+\s+/, '')}`) : undefined);
  if (one) return [one];
  const expanded = expandLogin(s) ?? expandSearch(s) ?? leaveEmpty(s);
  if (expanded) return expanded;
  const parts = splitCompound(s);
  if (parts && parts.length <= 5) {
    const actions = parts.map((part) => readOne(normalise(part, mood).text));
    if (actions.every((a): a is StepAction => a !== undefined)) return actions;
  }
  // An outcome stated without a verb: "the title is 'Acme'", "the home page has loaded".
  const stated = /^(?:verify|check|ensure|assert|see)\b/i.test(s) ? undefined : readVerify(`verify ${s}`);
  const strong = stated && (!['verify_text', 'verify_element', 'verify_no_text'].includes(stated.kind) || ('appears' in stated && stated.appears === true));
  const saysText = /^(?:the\s+)?[\w\s-]+?(?:\s+(?:is|shows|says|reads|displays|contains|should\s+be)\s+|\s*:\s*)["'][^"']+["']$/i.test(s);
  if (stated && (mood === 'outcome' || (mood === undefined && (strong || saysText)))) return [stated];
  return undefined;
}

/** Reads one step; `previousMood` is the Gherkin mood an And/But step inherits. */
export function readStep(text: string, stepNumber: number, previousMood?: Mood): StepReading | StepProblem {
  const n = normalise(text, previousMood);
  const base = { stepNumber, text: text.trim() };
  if (n.text === '') return { ...base, reason: 'is empty', part: '' };
  try {
    const actions = actionsOf(n.text, n.mood);
    if (actions) {
      return {
        text,
        actions,
        readings: actions.map(describeAction),
        stepType: actions.every((a) => VERIFY_KINDS.has(a.kind)) ? 'verification' : 'action',
        ...(n.mood ? { mood: n.mood } : {}),
      };
    }
  } catch (error) {
    if (error instanceof StepRefusal) return { ...base, reason: error.message, part: error.part, ...(error.suggestion && readsCleanly(error.suggestion) ? { suggestion: error.suggestion } : {}) };
    throw error;
  }
  const d = diagnose(n.text, n.mood, readsCleanly);
  return { ...base, reason: d.part === n.text ? 'could not be understood' : `could not be understood: "${d.part}"`, part: d.part, ...(d.suggestion ? { suggestion: d.suggestion } : {}) };
}

export function isProblem(r: StepReading | StepProblem): r is StepProblem {
  return 'reason' in r;
}

/** Reads a whole list, carrying the Gherkin mood from step to step. */
export function readSteps(texts: readonly string[]): Array<StepReading | StepProblem> {
  let mood: Mood | undefined;
  return texts.map((text, i) => {
    const r = readStep(text, i + 1, mood);
    mood = normalise(text, mood).mood;
    return r;
  });
}

/** 'Step 2 "juggle": could not be understood (did you mean: click "juggle"?)'. */
export function describeProblem(p: StepProblem): string {
  return `Step ${p.stepNumber} "${p.text}" ${p.reason}${p.suggestion ? `; did you mean: ${p.suggestion}?` : '.'}`;
}
