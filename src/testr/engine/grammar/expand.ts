/**
 * Steps that mean several actions: "Log in as ada@example.com with password secret" (type the
 * user, type the password, press Enter) and "click 'Add' and verify 'Added'" (each part on its
 * own). Expansions are shown at creation, one reading per action.
 */
import { parseValue, unquote } from '../phrases.js';
import type { StepAction } from '../step-types.js';

const LOGIN =
  /^(?:log\s*in|login|sign\s*in|signin|authenticate)(?:\s+(?:to|into)\s+(?:the\s+)?(?:app|application|site|account|website))?\s+(?:as|with(?:\s+(?:the\s+)?(?:user(?:name)?|e-?mail(?:\s+address)?|login|account|credentials))?|using(?:\s+(?:the\s+)?(?:user(?:name)?|e-?mail(?:\s+address)?))?)\s+("[^"]+"|'[^']+'|\S+)\s*,?\s+(?:and|with|using)\s+(?:the\s+)?(?:password|pass|pw|pwd)\s+("[^"]*"|'[^']*'|\S+)$/i;

/** "Log in as X with password Y" → type X into the email (or username) field, Y into the password field, press Enter. */
export function expandLogin(s: string): StepAction[] | undefined {
  const m = LOGIN.exec(s) ?? /^(?:log\s*in|login|sign\s*in)\s+with\s+("[^"]+"|'[^']+')\s+and\s+("[^"]*"|'[^']*')$/i.exec(s);
  if (!m) return undefined;
  const user = unquote(m[1] ?? '').text;
  const password = parseValue(m[2] ?? '');
  const isEmail = /@/.test(user);
  return [
    { kind: 'type', target: isEmail ? { name: 'email', role: 'textbox', inputType: 'email' } : { name: 'username', role: 'textbox' }, value: { literal: user } },
    { kind: 'type', target: { name: 'password', role: 'textbox', inputType: 'password' }, value: password },
    { kind: 'press_key', key: 'Enter' },
  ];
}

/** "search for 'x'" → type x into the search field, press Enter. */
export function expandSearch(s: string): StepAction[] | undefined {
  const m = /^search\s+(?:for\s+)?("[^"]+"|'[^']+')$/i.exec(s);
  if (!m) return undefined;
  return [
    { kind: 'type', target: { name: 'search', role: 'textbox', inputType: 'search' }, value: { literal: unquote(m[1] ?? '').text } },
    { kind: 'press_key', key: 'Enter' },
  ];
}

/** Splits "A and B", "A, then B", "A; B" outside quotes; undefined when there is nothing to split. */
export function splitCompound(s: string): string[] | undefined {
  const parts: string[] = [];
  let depth: string | undefined;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || (c === "'" && (depth === "'" || /[\s(]/.test(s[i - 1] ?? ' ')))) {
      depth = depth === c ? undefined : depth ?? c;
      continue;
    }
    if (depth) continue;
    const rest = s.slice(i);
    const sep = /^(?:\s*,?\s+and\s+then\s+|\s*,\s*then\s+|\s+then\s+|\s*;\s*|\s*,?\s+and\s+|\s*,\s+(?=(?:click|type|enter|press|verify|check|select|go|navigate|wait|fill|open|tap|submit|scroll)\b))/i.exec(rest);
    if (sep) {
      parts.push(s.slice(start, i).trim());
      start = i + sep[0].length;
      i = start - 1;
    }
  }
  parts.push(s.slice(start).trim());
  const clean = parts.filter((p) => p !== '');
  return clean.length > 1 ? clean : undefined;
}
