/**
 * What every view shares in the browser: connecting to the host (ext-apps App) and handing each
 * tool result to the view's renderer, a figure strip, and a sortable table. Text from data goes
 * through textContent only; SVG comes from the chart code, which escapes every value.
 */
import { App } from '@modelcontextprotocol/ext-apps';

export type ToolResultView<T> = (data: T, root: HTMLElement, app: App) => void;

export function startView<T>(name: string, render: ToolResultView<T>): App {
  const app = new App({ name, version: '1.0.0' });
  const root = document.getElementById('root')!;
  app.ontoolresult = (result) => {
    root.replaceChildren();
    if (result.isError || !result.structuredContent) {
      root.textContent = result.isError ? 'The tool answered with an error; see the text answer.' : 'No data to show.';
      return;
    }
    render(result.structuredContent as T, root, app);
  };
  void app.connect();
  return app;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, textContent?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (textContent !== undefined) node.textContent = textContent;
  if (className) node.className = className;
  return node;
}

export function figures(items: Array<[label: string, value: string, key: string]>): HTMLElement {
  const strip = element('div', undefined, 'figures');
  for (const [label, value, key] of items) {
    const figure = element('div', undefined, 'figure');
    figure.dataset.figure = key;
    figure.append(element('b', value), element('span', label));
    strip.append(figure);
  }
  return strip;
}

/** Inserts a chart drawn by src/charts (a complete, escaped SVG document). */
export function chart(svg: string): HTMLElement {
  const holder = element('div', undefined, 'chart');
  holder.innerHTML = svg;
  return holder;
}

export type Cell = string | number | null;

/** A table whose columns sort on click (numbers numerically, text alphabetically). */
export function sortableTable(headers: string[], rows: Cell[][], rowClass?: (row: Cell[]) => string): HTMLTableElement {
  const table = element('table');
  const head = element('tr');
  const body = element('tbody');
  let sortedBy = -1;
  let ascending = true;
  const fill = (ordered: Cell[][]) =>
    body.replaceChildren(
      ...ordered.map((row) => {
        const tr = element('tr', undefined, rowClass?.(row));
        for (const cell of row) tr.append(element('td', cell === null ? '—' : String(cell)));
        return tr;
      }),
    );
  headers.forEach((header, column) => {
    const th = element('th', header);
    th.addEventListener('click', () => {
      ascending = sortedBy === column ? !ascending : true;
      sortedBy = column;
      for (const other of head.children) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const compare = (a: Cell, b: Cell) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a ?? '').localeCompare(String(b ?? '')));
      fill([...rows].sort((a, b) => (ascending ? 1 : -1) * compare(a[column]!, b[column]!)));
    });
    head.append(th);
  });
  fill(rows);
  table.append(element('thead'), body);
  table.tHead!.append(head);
  return table;
}
