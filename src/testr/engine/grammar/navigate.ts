/**
 * Navigation steps: go to a URL, a path or "the signup page"; back, forward, reload. Addresses that
 * are refused whatever the settings (metadata, link-local, credentials, non-http schemes) are
 * refused here, at creation, and not only when the run reaches them.
 */
import { unquote } from '../phrases.js';
import type { StepAction } from '../step-types.js';
import { METADATA_HOSTS } from '../ip-ranges.js';
import { staticRefusal } from '../url-safety.js';
import { StepRefusal } from './refusal.js';

export function readHistory(s: string): StepAction | undefined {
  if (/^(?:go|navigate|move)\s+back(?:\s+(?:to\s+the\s+previous\s+page|a\s+page|in\s+the\s+browser))?$/i.test(s) || /^(?:press|click|hit)\s+(?:the\s+)?(?:browser(?:'s)?\s+)?back(?:\s+button)?$/i.test(s)) {
    return { kind: 'back' };
  }
  if (/^(?:go|navigate|move)\s+forward(?:\s+a\s+page)?$/i.test(s)) return { kind: 'forward' };
  if (/^(?:reload|refresh)(?:\s+the)?(?:\s+(?:current\s+)?page)?$/i.test(s)) return { kind: 'reload' };
  return undefined;
}

const EXPECT_STATUS = /\s*(?:,\s*|\s+and\s+|\s+)?\(?(?:expect(?:ing)?|which\s+(?:returns|answers|gives)|and\s+get|getting|returns|with(?:\s+status)?)\s+(?:an?\s+)?(?:http\s+)?(?:(?:error|status)\s+)?(?:code\s+)?([45]\d\d)(?:\s+(?:error|status|page|response))?\)?$/i;

export function readNavigate(s: string): StepAction | undefined {
  const m = /^(?:navigate|go|open|visit|browse|load|head|return|access|reach)(?:\s+(?:back\s+)?to)?\s+(?:the\s+)?(?:url\s+|page\s+|address\s+)?(.+)$/i.exec(s);
  if (!m) return undefined;
  let place = m[1] ?? '';
  const status = EXPECT_STATUS.exec(place);
  if (status) place = place.slice(0, status.index);
  const url = navigationTarget(place);
  if (url === undefined) return undefined;
  return status ? { kind: 'navigate', url, expectStatus: Number(status[1]) } : { kind: 'navigate', url };
}

const HOME_PHRASE = /^(?:home\s*page|home|homepage|start\s*page|start|landing\s*page|main\s*page|index\s*page|root\s*page|target(?:\s+url)?|site|website|web\s*site|app|application)$/i;

function refuseUnsafe(url: string): void {
  const refusal = staticRefusal(url, { blockPrivateNetworks: false });
  if (refusal) {
    throw new StepRefusal(`navigates to a URL that is not allowed: it ${refusal}`, url, 'navigate to a public http(s) URL or to a path relative to the target URL, such as /signup');
  }
}

/** A URL, a path (resolved later against the target URL), or "the home page" (''). */
export function navigationTarget(raw: string): string | undefined {
  const t = unquote(raw.trim().replace(/^(?:an?|the)\s+/i, '').replace(/^"([^"]+)"(\s+(?:page|screen))$/i, '$1$2')).text.trim();
  if (HOME_PHRASE.test(t) || /^(?:the\s+)?(?:home|main|landing|start)\s+(?:page|screen)\s+of\s+the\s+(?:site|app|website)$/i.test(t)) return '';
  if (t.startsWith('//')) {
    // Protocol-relative: it leaves the target's host, so it is checked as the URL it becomes.
    refuseUnsafe(`http:${t}`);
    return t;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t);
  if (scheme && !/^[a-z0-9.-]+:\d/i.test(t)) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https') {
      throw new StepRefusal(`navigates to a ${name}: URL, which is not allowed`, `${name}:`, 'navigate to an http(s) URL or to a path relative to the target URL, such as /signup');
    }
    refuseUnsafe(t);
    return t;
  }
  if (/\s/.test(t)) {
    // "the signup page" → "signup"; "the shopping cart page" → "shopping-cart"; anything else with spaces is not a place.
    const page = /^(?:the\s+)?([\w./-]+(?:\s+[\w-]+){0,2})\s+(?:page|screen|view|section|tab)$/i.exec(t);
    if (!page) return undefined;
    const name = (page[1] ?? '').toLowerCase();
    if (HOME_PHRASE.test(name)) return '';
    return name.replace(/\s+/g, '-');
  }
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?(?:[/?#].*)?$/i.test(t) && !t.startsWith('.') && !/\.(?:html?|php|jsp|aspx?)$/i.test(t)) {
    refuseUnsafe(`https://${t}`);
    return `https://${t}`;
  }
  if (/^(?:localhost|[\d.]+)(?::\d+)?(?:[/?#].*)?$/i.test(t) && /[.:]/.test(t)) {
    refuseUnsafe(`http://${t}`);
    return `http://${t}`;
  }
  if (/^[\w./?#=&%~+:@-]+$/.test(t)) {
    const host = t.replace(/[/?#:].*$/, '').toLowerCase();
    // A bare metadata host name ("go to metadata" without a scheme) is not a path to wander into.
    if (METADATA_HOSTS.has(host)) refuseUnsafe(`http://${host}/`);
    return t;
  }
  return undefined;
}
