/**
 * What a parsed step asks the runner to do. Internal to the engine: the contract's ParsedStep
 * only carries `kind` and a summary; the runner re-parses the text into one of these.
 */

export type TargetRole = 'button' | 'link' | 'checkbox' | 'radio' | 'textbox' | 'combobox' | 'tab' | 'menuitem';

/** An element named in a step: "the Sign Up button", "the email field", '"I agree"'. */
export interface Target {
  name: string;
  /** The kind of element the user named, when they named one. */
  role?: TargetRole;
  /** Input type inferred from the name ("email field" → email), for fields. */
  inputType?: string;
  /** "the first result" → 1, "the last link" → -1: which of several matches to take. */
  ordinal?: number;
  /** "the Delete button next to 'Pay rent'": only elements in the smallest block that shows this text. */
  near?: string;
  /** `#id` or `.class`, for people who want a CSS selector. */
  selector?: string;
  /** "the first result", "the second link": no name, the kind of thing to count through. */
  generic?: 'result' | 'link' | 'button' | 'item' | 'row' | 'checkbox';
}

/** What a step can say about an element: "is disabled", "should be checked", "is empty". */
export type ElementState = 'visible' | 'hidden' | 'enabled' | 'disabled' | 'checked' | 'unchecked' | 'selected' | 'active' | 'empty' | 'focused' | 'masked' | 'unavailable';

export type TextMatchMode = 'contains' | 'equals' | 'matches';

/** A value to type: literal text, or one the engine generates ("a valid email"). */
export type TypedValue = { literal: string } | { generate: GeneratedKind };

/** Values the engine makes up once per run ("a valid email address"), shown in the results. */
export type GeneratedKind = 'email' | 'password' | 'name' | 'phone' | 'number' | 'text';

/** Text to look for: a literal (case-insensitive substring) or a keyword from a generic phrase. */
export interface TextQuery {
  text: string;
  /** From a generic phrase such as "a welcome message": match the keyword anywhere. */
  keyword: boolean;
  /** `text` is a regular expression (case-insensitive) the page text must match: "has regex", "template". */
  pattern?: boolean;
}

export type StepAction =
  /** expectStatus: the step says the page answers with this HTTP error ("expect a 404"). */
  | { kind: 'navigate'; url: string; expectStatus?: number }
  | { kind: 'back' }
  | { kind: 'forward' }
  | { kind: 'reload' }
  | { kind: 'click'; target: Target }
  | { kind: 'hover'; target: Target }
  | { kind: 'type'; target: Target; value: TypedValue }
  | { kind: 'select'; target: Target; option: string }
  | { kind: 'check'; target: Target }
  | { kind: 'uncheck'; target: Target }
  | { kind: 'press_key'; key: string }
  | { kind: 'scroll'; direction: 'up' | 'down' | 'top' | 'bottom' }
  | { kind: 'scroll_to'; target: Target }
  | { kind: 'close_dialog' }
  /** file: a name; the engine makes a small file of that type in the run's own folder. */
  | { kind: 'upload'; target: Target; file: string }
  | { kind: 'wait_time'; ms: number }
  | { kind: 'wait_load' }
  | { kind: 'wait_text'; query: TextQuery }
  /** appears: "X appears" — X must become visible after the action step before it, not be there all along. */
  | { kind: 'verify_text'; query: TextQuery; appears?: boolean }
  | { kind: 'verify_no_text'; query: TextQuery }
  | { kind: 'verify_element'; target: Target; appears?: boolean }
  | { kind: 'verify_state'; target: Target; state: ElementState; negate: boolean }
  /** "3 results", "the cart has 2 items": a count shown as text, or that many list items. */
  | { kind: 'verify_count'; noun: string; count: number; within?: Target }
  /** The HTTP status the current page was served with ("the page returns 404"). */
  | { kind: 'verify_status'; status: number }
  | { kind: 'verify_url'; text: string; mode?: TextMatchMode; negate?: boolean }
  /** "the user is redirected to the dashboard": URL, title or main heading names the page. */
  | { kind: 'verify_page'; name: string }
  | { kind: 'verify_title'; text: string; mode?: TextMatchMode; negate?: boolean }
  | { kind: 'verify_value'; target: Target; value: string };

export type StepKind = StepAction['kind'];
