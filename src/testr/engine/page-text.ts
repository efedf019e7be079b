/**
 * Reading what the page shows: the visible text of the body, and text queries against it.
 */
import type { Page } from 'playwright-core';
import type { TextQuery } from './step-types.js';

export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The rendered (visible) text of the page; '' while there is no body. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
}

/** Literal text: case-insensitive substring. Keyword phrases: every word present. */
export function textMatches(pageText: string, query: TextQuery): boolean {
  if (query.pattern) return new RegExp(query.text, 'i').test(pageText.replace(/\s+/g, ' '));
  const haystack = normalizeText(pageText);
  if (!query.keyword) return haystack.includes(normalizeText(query.text));
  return normalizeText(query.text)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/** A short excerpt of the page for failure messages. */
export function excerpt(pageText: string, max = 160): string {
  const clean = pageText.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/** The page title and its h1 headings, one a line. */
export async function headings(page: Page): Promise<string> {
  const h1 = await page.locator('h1').allInnerTexts().catch(() => [] as string[]);
  return [await page.title().catch(() => ''), ...h1].join('\n');
}
