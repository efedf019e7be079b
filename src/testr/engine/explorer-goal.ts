/**
 * What an explorer prompt asks for, without AI: keywords (with synonyms), values to type (email
 * addresses, quoted strings, a password), how relevant a name is to the goal, which controls are
 * destructive, and whether a page change looks like success.
 */

export interface Goal {
  prompt: string;
  /** Words from the prompt, lower case, stop words removed. */
  keywords: string[];
  /** Related words and phrases (subscribe ~ newsletter, sign up ~ register). */
  synonyms: string[];
  email?: string;
  password?: string;
  /** Quoted strings, with the words just before each (to match them to field labels). */
  quoted: Array<{ value: string; context: string[] }>;
  /**
   * For goals that only ask to reach a page ("find the waterproof daypack"): the words the page's
   * title or main heading must contain. Empty when the goal asks to do something.
   */
  destination: string[];
  /** Something the goal asks to do after entering its values ("... and mark it as done"). */
  then?: string;
}

const STOP_WORDS = new Set(
  'a an the to of for with and or on in into at by from as is are be it its this that my our your their me we you i using use via then and please try should can will would want wants need needs email e-mail address addresses value values'.split(' '),
);

const SYNONYM_GROUPS: string[][] = [
  ['subscribe', 'subscription', 'newsletter', 'mailing list', 'updates'],
  ['sign up', 'signup', 'register', 'registration', 'create account', 'create an account', 'join', 'get started'],
  ['log in', 'login', 'sign in', 'signin'],
  ['contact', 'contact us', 'message', 'support', 'feedback'],
  ['search', 'find', 'look up'],
  ['cart', 'basket', 'bag', 'add to cart'],
  ['product', 'products', 'shop', 'store', 'catalog', 'catalogue'],
  ['account', 'profile', 'my account'],
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** Verbs that only mean "get there". */
const NAVIGATION_VERBS = new Set(['find', 'open', 'go', 'visit', 'view', 'see', 'show', 'navigate', 'browse', 'look', 'reach', 'locate', 'page', 'details']);
/** Verbs that mean "do something": such goals are judged by a success message instead. */
const DOING_VERBS = /\b(?:subscribe|sign|register|join|add|buy|order|create|submit|send|fill|enter|type|log|login|book|contact|apply|upload|save|delete|remove|update|change|post|comment|search)\b/i;

export function stem(word: string): string {
  const w = word.toLowerCase();
  for (const suffix of ['ing', 'tion', 'ers', 'er', 'ed', 'es', 's']) {
    if (w.length > suffix.length + 3 && w.endsWith(suffix)) return w.slice(0, -suffix.length);
  }
  return w;
}

export function words(text: string): string[] {
  return text.toLowerCase().replace(EMAIL, ' ').split(/[^a-z0-9]+/).filter(Boolean);
}

export function parseGoal(prompt: string): Goal {
  const email = EMAIL.exec(prompt)?.[0];
  const passwordMatch = /password\s+(?:is\s+|of\s+|=\s*|:\s*)?["']([^"']+)["']/i.exec(prompt) ?? /password\s+(?:is\s+)?(\S{6,})/i.exec(prompt);
  const quoted: Goal['quoted'] = [];
  for (const m of prompt.matchAll(/(?:^|[\s(])["']([^"']+)["']/g)) {
    const value = m[1] ?? '';
    if (value === passwordMatch?.[1] || value === email) continue;
    const before = words(prompt.slice(0, m.index)).slice(-3);
    quoted.push({ value, context: before });
  }
  const promptWords = words(prompt.replace(/["'][^"']*["']/g, ' ')).filter((w) => !STOP_WORDS.has(w) && w.length > 1);
  const keywords = [...new Set(promptWords)];
  const lowerPrompt = ` ${words(prompt).join(' ')} `;
  const synonyms = new Set<string>();
  for (const group of SYNONYM_GROUPS) {
    if (group.some((term) => lowerPrompt.includes(` ${term} `) || keywords.some((k) => stem(k) === stem(term)))) {
      group.forEach((term) => synonyms.add(term));
    }
  }
  const destination = asksToDo(prompt) || goalHasValues(email, quoted) ? [] : keywords.filter((k) => !NAVIGATION_VERBS.has(k));
  // What follows the last quoted value: "and mark it as done" means entering it is not enough.
  const lastQuote = [...prompt.matchAll(/["'][^"']+["']/g)].at(-1);
  const after = lastQuote ? prompt.slice((lastQuote.index ?? 0) + lastQuote[0].length) : '';
  const then = /\b(?:and|then)\s+(?:also\s+)?(?!press\b|hit\b)([a-z]+)\b/i.exec(after)?.[0];
  return {
    prompt,
    keywords,
    destination,
    ...(then ? { then } : {}),
    synonyms: [...synonyms].filter((s) => !keywords.includes(s)),
    ...(email ? { email } : {}),
    ...(passwordMatch?.[1] ? { password: passwordMatch[1] } : {}),
    quoted,
  };
}

const LEAD_IN = new Set('please i we you want wants would like to try first then and just the user should can go'.split(' '));

/**
 * Whether the goal asks to do something, judged by its verb: the first word after a lead-in
 * ("please", "I want to") or a verb after "to" ("try to subscribe"). A doing word used as a noun
 * ("find the book by ID") does not make a navigation goal a doing one.
 */
function asksToDo(prompt: string): boolean {
  const all = words(prompt);
  const lead = all.find((w) => !LEAD_IN.has(w)) ?? '';
  if (DOING_VERBS.test(lead)) return true;
  return all.some((w, i) => i > 0 && all[i - 1] === 'to' && DOING_VERBS.test(w));
}

function goalHasValues(email: string | undefined, quoted: Goal['quoted']): boolean {
  return email !== undefined || quoted.length > 0;
}

/** Which of `terms` the text names (by stem; multi-word terms as phrases). */
function matchedTerms(terms: readonly string[], text: string): string[] {
  const textWords = words(text);
  const joined = textWords.join(' ');
  return terms.filter((t) => termMatches(t, textWords, joined));
}

/** More than half of them: "most". */
function most(matched: number, of: number): boolean {
  return of > 0 && matched * 2 > of;
}

/**
 * A navigation goal is reached, also on the way to somewhere else, when most destination words
 * are named by the page (its title and headings, or what the last action revealed) or by the link
 * or button that led there. Returns the evidence, or undefined.
 */
export function reachedDestination(goal: Goal, page: string, via = ''): string | undefined {
  if (goal.destination.length === 0) return undefined;
  const onPage = matchedTerms(goal.destination, page);
  const onLink = matchedTerms(goal.destination, via);
  const all = new Set([...onPage, ...onLink]);
  if (!most(all.size, goal.destination.length)) return undefined;
  const where = [onPage.length ? `the page names ${onPage.join(', ')}` : '', onLink.length ? `"${via}" named ${onLink.join(', ')}` : ''].filter(Boolean).join('; ');
  return `${all.size} of ${goal.destination.length} goal words (${goal.destination.join(', ')}) matched: ${where}`;
}

function termMatches(term: string, nameWords: string[], nameText: string): boolean {
  if (term.includes(' ')) return ` ${nameText} `.includes(` ${term} `);
  const s = stem(term);
  return nameWords.some((w) => {
    const ws = stem(w);
    return ws === s || (s.length >= 5 && ws.length >= 5 && (ws.startsWith(s) || s.startsWith(ws)));
  });
}

/** How related a control's name is to the goal: 1 per keyword, 0.6 per synonym. */
export function relevance(goal: Goal, name: string): number {
  const nameWords = words(name);
  const nameText = nameWords.join(' ');
  let score = 0;
  for (const k of goal.keywords) if (termMatches(k, nameWords, nameText)) score += 1;
  for (const s of goal.synonyms) if (termMatches(s, nameWords, nameText)) score += 0.6;
  return score;
}

const DESTRUCTIVE =
  /\b(?:delete|remove|erase|destroy|deactivate|terminate|log\s*-?\s*out|sign\s*-?\s*out|logout|signout|pay|payment|purchase|buy|checkout|check out|place order|order now|unsubscribe|cancel (?:my )?(?:account|subscription|membership|order)|close (?:my )?account|reset)\b/i;

/** Controls the explorer must never use, whatever the prompt says. */
export function isDestructive(name: string, href?: string): boolean {
  if (DESTRUCTIVE.test(name)) return true;
  if (href) {
    try {
      const path = decodeURIComponent(new URL(href).pathname).replace(/[-_/]+/g, ' ');
      return DESTRUCTIVE.test(path);
    } catch {
      return false;
    }
  }
  return false;
}

const SUCCESS = /\b(?:thanks|thank you|subscribed|welcome|success|successful|successfully|confirmed|confirmation|created|registered|added|saved|sent|submitted|received|completed|you(?:'re| are) (?:in|all set|signed up)|done)\b/i;
const FAILURE = /\b(?:error|invalid|please enter|please provide|failed|required|not valid|try again|went wrong)\b/i;

function lines(text: string): Set<string> {
  return new Set(text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean));
}

/** Lines of `after` that were not in `before`: what the last action changed on the page. */
export function freshLines(before: string, after: string): string[] {
  const old = lines(before);
  return [...lines(after)].filter((l) => !old.has(l));
}

/** Whether the change from `before` to `after` (visible page text) looks like a success of some kind. */
export function looksLikeSuccess(before: string, after: string): boolean {
  const fresh = freshLines(before, after);
  return fresh.some((l) => SUCCESS.test(l)) && !fresh.some((l) => FAILURE.test(l));
}

/** Verbs and fillers any success message shares: they say nothing about what succeeded. */
const GENERIC = new Set('add added new create created make get started up sign in out submit send save update change post fill enter type do go my list updates message'.split(' '));

/** What the goal is about: its keywords and the words of their synonyms, minus generic verbs. */
export function subjectTerms(goal: Goal): string[] {
  const terms = [...goal.keywords, ...goal.synonyms.flatMap((s) => s.split(' '))].filter((w) => w.length > 2 && !GENERIC.has(w) && !NAVIGATION_VERBS.has(w));
  return [...new Set(terms)];
}

export interface GoalJudgement {
  reached: boolean;
  /** Why, in one line: recorded with the action that ended the exploration (or was rejected). */
  evidence?: string;
}

/**
 * Whether an action met a doing goal. A value the goal asked to enter that now shows on the page
 * is met ("Buy milk" in the list). Otherwise a success message must appear, without an error, and
 * it, the page's headings or the control used must name the goal's subject: a newsletter goal is
 * not met by "Your account has been created".
 */
export function judgeSuccess(goal: Goal, change: { before: string; after: string; headings: string; control?: string; typed: string[] }): GoalJudgement {
  const fresh = freshLines(change.before, change.after);
  if (fresh.some((l) => FAILURE.test(l))) return { reached: false };
  const freshText = fresh.join('\n').toLowerCase();
  const shown = goal.then ? undefined : goal.quoted.map((q) => q.value).find((v) => change.typed.includes(v) && freshText.includes(v.toLowerCase()));
  if (shown !== undefined) return { reached: true, evidence: `"${shown}", which the goal asked to enter, now shows on the page` };
  const message = fresh.find((l) => SUCCESS.test(l));
  if (!message) return { reached: false };
  const subject = subjectTerms(goal);
  const named = matchedTerms(subject, [...fresh, change.headings, change.control ?? ''].join('\n'));
  const quote = message.length > 100 ? `${message.slice(0, 97)}...` : message;
  if (named.length > 0) return { reached: true, evidence: `success message "${quote}" and the goal's subject (${named.join(', ')}) named by the page or "${change.control ?? ''}"` };
  return { reached: false, evidence: `a success message appeared ("${quote}"), but nothing names the goal's subject (${subject.join(', ') || 'none'}), so it is not the goal` };
}
