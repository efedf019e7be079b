import { Writable } from 'node:stream';
import { createLogger } from '../../src/platform/logger.js';
import { redactAnswer, redactText } from '../../src/platform/redact.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

const TOKEN = 'tok_9f8e7d6c5b4a3210';

describe('logger', () => {
  it('redacts the token and Authorization headers at every level, in messages and metadata', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'DEBUG', format: 'json', secrets: () => [TOKEN], stream });
    logger.debug(`GET /products with ${TOKEN}`, { headers: { Authorization: `Token ${TOKEN}` }, body: `{"error":"bad token ${TOKEN}"}` });
    logger.critical('boom', { error: new Error(`failed for ${TOKEN}`) });
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(JSON.parse(line)).toHaveProperty('level');
    }
    expect(lines[0]).toContain('[REDACTED]');
  });

  it('respects the level and writes text format', async () => {
    const { lines, stream } = capture();
    const logger = createLogger({ level: 'WARNING', format: 'text', secrets: () => [], stream });
    logger.info('hidden');
    logger.warning('shown', { n: 1 });
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ WARNING shown \{"n":1\}$/);
  });

  it('leaves ordinary words after "Token" alone, and copies answers only when they hold a secret', () => {
    expect(redactText('Token validation fails after login', [])).toBe('Token validation fails after login');
    const clean = { bugs: [{ title: 'Bearer of bad news' }] };
    expect(redactAnswer(clean, [TOKEN])).toBe(clean);
    expect(redactAnswer({ note: `echo ${TOKEN}`, nested: { token: 'x' } }, [TOKEN])).toEqual({ note: 'echo [REDACTED]', nested: { token: '[REDACTED]' } });
    expect(redactAnswer({ rows: [{ Password: 'hunter22' }] }, [TOKEN])).toEqual({ rows: [{ Password: '[REDACTED]' }] });
    const quoted = { note: 'the field "token": stays text' };
    expect(redactAnswer(quoted, [TOKEN])).toBe(quoted);
  });

  it('redacts token-looking Authorization values even when the secret is unknown', () => {
    expect(redactText('authorization: Token abcdefgh12345678', [])).not.toContain('abcdefgh12345678');
    expect(redactText('"Authorization":"Bearer abcdefgh12345678"', [])).not.toContain('abcdefgh12345678');
  });
});
