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
}

/** A value to type: literal text, or one the engine generates ("a valid email"). */
export type TypedValue = { literal: string } | { generate: 'email' | 'password' };

/** Text to look for: a literal (case-insensitive substring) or a keyword from a generic phrase. */
export interface TextQuery {
  text: string;
  /** From a generic phrase such as "a welcome message": match the keyword anywhere. */
  keyword: boolean;
}

export type StepAction =
  | { kind: 'navigate'; url: string }
  | { kind: 'back' }
  | { kind: 'reload' }
  | { kind: 'click'; target: Target }
  | { kind: 'hover'; target: Target }
  | { kind: 'type'; target: Target; value: TypedValue }
  | { kind: 'select'; target: Target; option: string }
  | { kind: 'check'; target: Target }
  | { kind: 'uncheck'; target: Target }
  | { kind: 'press_key'; key: string }
  | { kind: 'scroll'; direction: 'up' | 'down' | 'top' | 'bottom' }
  | { kind: 'wait_time'; ms: number }
  | { kind: 'wait_load' }
  | { kind: 'wait_text'; query: TextQuery }
  | { kind: 'verify_text'; query: TextQuery }
  | { kind: 'verify_no_text'; query: TextQuery }
  | { kind: 'verify_element'; target: Target }
  | { kind: 'verify_url'; text: string }
  /** "the user is redirected to the dashboard": URL, title or main heading names the page. */
  | { kind: 'verify_page'; name: string }
  | { kind: 'verify_title'; text: string }
  | { kind: 'verify_value'; target: Target; value: string };

export type StepKind = StepAction['kind'];
