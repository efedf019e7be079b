/**
 * A tiny SVG writer shared by the server-side pictures (image blocks) and the MCP App views (the
 * same functions run in the browser bundle), so a chart is drawn by one piece of code. Pure
 * string building: no DOM, no Node APIs.
 */

/** Text and attribute values from data we did not write (names, titles) cannot break the markup. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type Attributes = Record<string, string | number | undefined>;

export function el(name: string, attributes: Attributes, children: string | string[] = ''): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  const body = Array.isArray(children) ? children.join('') : children;
  return body ? `<${name}${attrs}>${body}</${name}>` : `<${name}${attrs}/>`;
}

export const text = (x: number, y: number, content: string, attributes: Attributes = {}) =>
  el('text', { x, y, 'font-family': FONT, 'font-size': 12, fill: COLORS.ink, ...attributes }, escapeXml(content));

/** A whole document; `label` is its accessible name (and what a screen reader says). */
export function svgDocument(width: number, height: number, label: string, children: string[]): string {
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label },
    [el('rect', { width, height, fill: COLORS.paper }), ...children],
  );
}

/** Stacks charts vertically into one picture, each at its own height. */
export function stack(width: number, label: string, parts: Array<{ height: number; body: string }>, gap = 12): string {
  let y = 0;
  const placed = parts.map((part) => {
    const group = el('g', { transform: `translate(0 ${y})` }, part.body);
    y += part.height + gap;
    return group;
  });
  return svgDocument(width, Math.max(1, y - gap), label, placed);
}

export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

export const COLORS = {
  paper: '#ffffff',
  ink: '#1f2933',
  muted: '#6b7280',
  track: '#e5e7eb',
  ok: '#16a34a',
  warn: '#d97706',
  critical: '#dc2626',
  unknown: '#9ca3af',
  neutral: '#2563eb',
  // Severity and status palettes, in the order the reports list them.
  severity: { critical: '#b91c1c', high: '#ea580c', low: '#facc15', visual: '#8b5cf6', content: '#0ea5e9', custom: '#64748b' },
  status: { accepted: '#16a34a', auto_accepted: '#86efac', rejected: '#dc2626', open: '#2563eb' },
} as const;
