/**
 * How a step was read, in words: the echo shown at creation and the summary of a parsed step
 * ("click the button "Sign Up"", "verify the text "Welcome" appears after the step before").
 */
import { describeValue } from '../phrases.js';
import type { StepAction, Target, TextQuery } from '../step-types.js';

const ORDINAL_WORDS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' };

export function describeElement(target: Target): string {
  const ordinal = target.ordinal === undefined ? '' : `${ORDINAL_WORDS[target.ordinal] ?? `#${target.ordinal}`} `;
  const kind = target.role === 'textbox' ? 'field' : target.role;
  let what: string;
  if (target.generic) what = `the ${ordinal}${target.generic}`;
  else if (target.selector && target.name === 'submit') what = 'the submit button';
  else if (target.selector && target.name === '') what = 'the file input';
  else if (target.selector) what = `the ${ordinal}element matching ${target.selector}`;
  else what = kind ? `the ${ordinal}${kind} named "${target.name}"` : `${ordinal ? `the ${ordinal}element ` : ''}"${target.name}"`;
  return target.near ? `${what} next to "${target.near}"` : what;
}

function describeQuery(query: TextQuery): string {
  if (query.pattern) return `text matching /${query.text}/`;
  return query.keyword ? `text containing "${query.text}"` : `the text "${query.text}"`;
}

const MODE_WORDS = { contains: 'contains', equals: 'is', matches: 'matches' } as const;

export function describeAction(action: StepAction): string {
  switch (action.kind) {
    case 'navigate': {
      const place = action.url === '' ? 'open the target URL' : `navigate to ${action.url}`;
      return action.expectStatus ? `${place}, expecting HTTP ${action.expectStatus}` : place;
    }
    case 'back':
      return 'go back to the previous page';
    case 'forward':
      return 'go forward to the next page';
    case 'reload':
      return 'reload the page';
    case 'click':
      return `click ${describeElement(action.target)}`;
    case 'hover':
      return `hover over ${describeElement(action.target)}`;
    case 'type':
      return `type ${describeValue(action.value)} into ${describeElement(action.target)}`;
    case 'select':
      return `select "${action.option}" in ${describeElement(action.target)}`;
    case 'check':
      return `check ${describeElement(action.target)}`;
    case 'uncheck':
      return `uncheck ${describeElement(action.target)}`;
    case 'press_key':
      return `press the ${action.key} key`;
    case 'scroll':
      return `scroll ${action.direction}`;
    case 'scroll_to':
      return `scroll to ${describeElement(action.target)}`;
    case 'close_dialog':
      return 'close the open dialog';
    case 'upload':
      return `upload a generated file "${action.file}" to ${describeElement(action.target)}`;
    case 'wait_time':
      return `wait ${action.ms} ms`;
    case 'wait_load':
      return 'wait for the page to load';
    case 'wait_text':
      return `wait for ${describeQuery(action.query)} to appear`;
    case 'verify_text':
      return action.appears ? `verify ${describeQuery(action.query)} appears (it must not be visible before the step before)` : `verify ${describeQuery(action.query)} is visible`;
    case 'verify_no_text':
      return `verify ${describeQuery(action.query)} is not visible`;
    case 'verify_element':
      return action.appears ? `verify ${describeElement(action.target)} appears (it must not be visible before the step before)` : `verify ${describeElement(action.target)} is visible`;
    case 'verify_state':
      return `verify ${describeElement(action.target)} is ${action.negate ? 'not ' : ''}${action.state}`;
    case 'verify_count':
      return `verify ${action.count} ${action.noun} are shown${action.within ? ` in ${describeElement(action.within)}` : ''}`;
    case 'verify_status':
      return `verify the page was served with HTTP ${action.status}`;
    case 'verify_url':
      return `verify the URL ${action.negate ? 'does not ' : ''}${action.negate ? (action.mode ?? 'contains').replace(/s$/, '') : MODE_WORDS[action.mode ?? 'contains']} "${action.text}"`;
    case 'verify_title':
      return `verify the title ${action.negate ? 'does not ' : ''}${action.negate ? (action.mode ?? 'contains').replace(/s$/, '') : MODE_WORDS[action.mode ?? 'contains']} "${action.text}"`;
    case 'verify_page':
      return `verify the ${action.name} page is shown`;
    case 'verify_value':
      return `verify ${describeElement(action.target)} has value "${action.value}"`;
  }
}
