/**
 * The answer memo (src/platform/answer-memo.ts): a call whose handler returns the same data again
 * reuses the finished answer, which is still redacted, capped and checked against the
 * outputSchema; different data, arguments, secrets or CHARTS never share an answer.
 */
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { AnswerMemo, MEMO_MAX_VALUE_CHARS, sameData, type AnswerKey } from '../../src/platform/answer-memo.js';
import { MAX_TEXT_CHARS } from '../../src/platform/render.js';
import { serializedOf } from '../../src/platform/serialized-answer.js';
import { startHarness, type Harness } from '../helpers/harness.js';

const TOKEN = 'memo-test-token-1234567890';
const answer = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], structuredContent: { text } });
const key = (over: Partial<AnswerKey> = {}): AnswerKey => ({ tool: 't', scope: 'tenant-a\u0000local', args: '{}', secrets: ['s3cret'], pictures: false, ...over });

describe('AnswerMemo', () => {
  it('gives the kept answer only for the same tool, caller, arguments, value, secrets and pictures', () => {
    const memo = new AnswerMemo();
    memo.set(key(), '{"a":1}', answer('one'));
    const value = { a: 1 };
    const hit = memo.get(key(), value);
    expect(hit?.content).toEqual([{ type: 'text', text: 'one' }]);
    expect(hit?.structuredContent).toBe(value); // this call's value, not the kept one
    expect(memo.get(key(), { a: 2 })).toBeUndefined();
    expect(memo.get(key({ args: '{"x":1}' }), value)).toBeUndefined();
    expect(memo.get(key({ tool: 'u' }), value)).toBeUndefined();
    expect(memo.get(key({ scope: 'tenant-b\u0000local' }), value)).toBeUndefined();
    expect(memo.get(key({ secrets: ['s3cret', 'caller-token'] }), value)).toBeUndefined();
    expect(memo.get(key({ pictures: true }), value)).toBeUndefined();
  });

  it('a hit carries the JSON of the whole answer, equal as data to the answer it is', () => {
    const memo = new AnswerMemo();
    memo.set(key(), '{"a":[1,"two",null]}', answer('line one\nline "two"'));
    const hit = memo.get(key(), { a: [1, 'two', null] })!;
    expect(JSON.parse(serializedOf(hit)!)).toEqual(JSON.parse(JSON.stringify(hit)));
    expect(serializedOf({ ...hit })).toBeUndefined(); // only the object the memo made carries it
  });

  it('hands out copies of the content blocks, so changing one answer changes no later one', () => {
    const memo = new AnswerMemo();
    memo.set(key(), '{}', answer('kept'));
    const first = memo.get(key(), {})!;
    (first.content[0] as { text: string }).text = 'changed by a client';
    expect(memo.get(key(), {})?.content).toEqual([{ type: 'text', text: 'kept' }]);
  });

  it('stays within its budget, dropping the least recently used first, and keeps no huge value', () => {
    const memo = new AnswerMemo(130); // each entry below counts 63: twice value JSON and text (the answer's JSON), arguments
    const json = JSON.stringify('x'.repeat(28));
    const value = 'x'.repeat(28) as never;
    memo.set(key({ args: 'a' }), json, answer('a'));
    memo.set(key({ args: 'b' }), json, answer('b'));
    expect(memo.get(key({ args: 'a' }), value)).toBeDefined(); // a is now the most recent
    memo.set(key({ args: 'c' }), json, answer('c'));
    expect(memo.get(key({ args: 'b' }), value)).toBeUndefined();
    expect(memo.get(key({ args: 'a' }), value)).toBeDefined();
    expect(memo.count).toBe(2);
    const big = new AnswerMemo();
    big.set(key(), JSON.stringify('x'.repeat(MEMO_MAX_VALUE_CHARS)), answer('big'));
    expect(big.count).toBe(0);
  });
});

describe('sameData: equal as JSON data, and nothing JSON would change', () => {
  const kept = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  it.each([
    [{ a: 1, b: ['x', null, { c: true }] }],
    [{ a: 1, gone: undefined }],
    [[1, 'two', { three: [3] }]],
    [{}],
  ])('%j equals its JSON copy', (value) => expect(sameData(value, kept(value))).toBe(true));

  it.each([
    [{ a: 1 }, { a: 2 }],
    [{ a: 1 }, { a: 1, b: 2 }],
    [{ a: 1, b: 2 }, { a: 1 }],
    [[1, 2], [1, 2, 3]],
    [{ a: [1] }, { a: { 0: 1 } }],
    [{ a: '1' }, { a: 1 }],
    [{ a: null }, {}],
  ])('%j differs from %j', (value, snapshot) => expect(sameData(value, snapshot)).toBe(false));

  it('never equals what JSON would turn into something else', () => {
    const date = new Date(0);
    expect(sameData({ at: date }, kept({ at: date }))).toBe(false);
    expect(sameData({ n: Number.NaN }, kept({ n: Number.NaN }))).toBe(false);
    expect(sameData({ n: Number.POSITIVE_INFINITY }, kept({ n: Number.POSITIVE_INFINITY }))).toBe(false);
    expect(sameData({ m: new Map() }, kept({ m: new Map() }))).toBe(false);
    expect(sameData([undefined], kept([undefined]))).toBe(false);
    const custom = { toJSON: () => ({ a: 1 }) };
    expect(sameData(custom, kept(custom))).toBe(false);
  });
});

describe('answers reused through a real MCP client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ pluginDirs: [path.resolve('test/fixtures/memo-plugins')], env: { TESTIO_CUSTOMER_API_TOKEN: TOKEN } });
  });
  afterAll(() => h.close());

  it('reuses the rendered answer when the data is the same, renders again when it changes', async () => {
    const first = await h.call('answers', { kind: 'same', list: [1, 2] });
    const second = await h.call('answers', { kind: 'same', list: [1, 2] });
    expect(h.text(first)).toMatch(/^fixed \(render \d+\)$/);
    expect(h.text(second)).toBe(h.text(first));
    expect(second.structuredContent).toEqual({ message: 'fixed', list: [1, 2] });
    // Other arguments: rendered anew.
    const other = await h.call('answers', { kind: 'same', list: [3] });
    expect(h.text(other)).not.toBe(h.text(first));
    expect(other.structuredContent).toEqual({ message: 'fixed', list: [3] });
    // Changing data: every answer rendered from its own data.
    const a = await h.call('answers', { kind: 'changing' });
    const b = await h.call('answers', { kind: 'changing' });
    expect(h.text(a)).not.toBe(h.text(b));
    expect((b.structuredContent as { message: string }).message).not.toBe((a.structuredContent as { message: string }).message);
  });

  it('a client changing an answer it received does not change the next one', async () => {
    const first = await h.call('answers', { kind: 'same', list: [7] });
    (first.structuredContent as { list: number[] }).list.push(99);
    (first.content[0] as { text: string }).text = 'tampered';
    const second = await h.call('answers', { kind: 'same', list: [7] });
    expect(second.structuredContent).toEqual({ message: 'fixed', list: [7] });
    expect(h.text(second)).toMatch(/^fixed \(render \d+\)$/);
  });

  it('every repeated answer is still redacted, capped and checked against the outputSchema', async () => {
    for (let i = 0; i < 3; i++) {
      const secret = await h.call('answers', { kind: 'secret' });
      expect(JSON.stringify(secret)).not.toContain(TOKEN);
      expect(h.text(secret)).toMatch(/the token is \\?\[REDACTED\\?\]/);

      const long = await h.call('answers', { kind: 'long' });
      expect(h.text(long).length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
      expect(h.text(long)).toMatch(/answer cut at/);

      const malformed = await h.call('answers', { kind: 'malformed' });
      expect(malformed.isError).toBe(true);
      expect(h.text(malformed)).toMatch(/answers produced a malformed answer/);

      // Not a tools/call result at all (a content block of no known type): refused, every time.
      const envelope = await h.call('answers', { kind: 'bad-envelope' });
      expect(envelope.isError).toBe(true);
      expect(h.text(envelope)).toMatch(/answers produced a malformed answer/);
    }
    // The long answer is kept (it was checked and needed no redaction): its text is reused.
    const [x, y] = [await h.call('answers', { kind: 'long' }), await h.call('answers', { kind: 'long' })];
    expect(h.text(x)).toBe(h.text(y));
  });
});
