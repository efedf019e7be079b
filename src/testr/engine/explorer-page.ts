/**
 * A snapshot of what the explorer can use on the page: visible links, buttons and form fields,
 * each tagged with a data attribute so the chosen one can be found again exactly.
 */
import type { Locator, Page } from 'playwright-core';

export const CANDIDATE_ATTR = 'data-testr-candidate';

export interface PageElement {
  id: number;
  kind: 'link' | 'button' | 'field';
  /** aria-labelledby, aria-label, label, text, value, placeholder or name: what a person would call it. */
  name: string;
  /** Links: the absolute URL. */
  href?: string;
  /** Index of the containing form, or -1. */
  form: number;
  /** Fields: input type ('text', 'email', 'checkbox', 'select', 'textarea', ...). */
  inputType?: string;
  required?: boolean;
  /** Fields: current value; checkboxes: whether checked. */
  value?: string;
  checked?: boolean;
  /** Selects: option labels. */
  options?: string[];
  /** Buttons that submit their form. */
  submit?: boolean;
}

export interface PageSnapshot {
  url: string;
  title: string;
  elements: PageElement[];
}

// Plain JavaScript on purpose: tools such as tsx add helper calls (__name) to compiled functions,
// and those helpers do not exist inside the page.
const SNAPSHOT_SCRIPT = `(attr) => {
  const clean = (t) => (t || '').replace(/\\s+/g, ' ').trim().slice(0, 80);
  const visible = (el) => {
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  const forms = [...document.forms];
  const out = [];
  document.querySelectorAll('[' + attr + ']').forEach((el) => el.removeAttribute(attr));
  const nodes = document.querySelectorAll('a[href], button, [role=button], [role=link], input, select, textarea');
  nodes.forEach((el) => {
    const tag = el.tagName.toLowerCase();
    const type = tag === 'input' ? (el.type || 'text').toLowerCase() : tag;
    if (type === 'hidden' || el.disabled) return;
    const isCheck = type === 'checkbox' || type === 'radio';
    // Checkboxes are often visually hidden behind a styled label: use the label's visibility.
    const firstLabel = el.labels && el.labels[0];
    if (!visible(el) && !(isCheck && firstLabel && visible(firstLabel))) return;
    const form = el.form ? forms.indexOf(el.form) : -1;
    const id = out.length;
    el.setAttribute(attr, String(id));
    // The accessible name's sources, in the order browsers use them.
    const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map((ref) => { const target = document.getElementById(ref); return target ? target.textContent : ''; }).join(' ');
    const label = clean(labelledBy) || clean(el.getAttribute('aria-label')) || clean(firstLabel && firstLabel.innerText);
    const role = el.getAttribute('role');
    if ((tag === 'a' && role !== 'button') || role === 'link') {
      out.push({ id, kind: 'link', name: label || clean(el.innerText) || clean(el.getAttribute('title')), href: el.href, form });
    } else if (tag === 'button' || role === 'button' || ['submit', 'button', 'reset', 'image'].includes(type)) {
      const name = label || clean(el.innerText) || clean(el.value) || clean(el.getAttribute('title'));
      const submits = tag === 'button' ? el.type === 'submit' : type === 'submit' || type === 'image';
      const entry = { id, kind: 'button', name, form, submit: submits && form >= 0 };
      if (tag === 'a') entry.href = el.href;
      out.push(entry);
    } else {
      const name = label || clean(el.placeholder) || clean(el.name) || clean(el.id) || type;
      const entry = { id, kind: 'field', name, form, inputType: type, required: !!el.required, value: el.value || '' };
      if (isCheck) entry.checked = el.checked;
      if (tag === 'select') entry.options = [...el.options].map((o) => clean(o.label));
      out.push(entry);
    }
  });
  return out;
}`;

export async function snapshotPage(page: Page): Promise<PageSnapshot> {
  const elements = (await page.evaluate(`(${SNAPSHOT_SCRIPT})(${JSON.stringify(CANDIDATE_ATTR)})`)) as PageElement[];
  return { url: page.url(), title: await page.title().catch(() => ''), elements };
}

export function elementLocator(page: Page, element: PageElement): Locator {
  return page.locator(`[${CANDIDATE_ATTR}="${element.id}"]`);
}
