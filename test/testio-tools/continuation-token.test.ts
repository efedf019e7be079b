import { ContinuationTokens } from '../../src/testio/services/continuation-token.js';

const expected = { scope: 109363, filters: 'bug_type=functional;severity=critical;status=all', scopeName: 'test' };

describe('ContinuationTokens', () => {
  const tokens = new ContinuationTokens();

  it('round-trips the offset for the same test and filters', () => {
    const token = tokens.encode({ scope: 109363, filters: expected.filters, offset: 25 });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tokens.decode(token, expected)).toBe(25);
  });

  it('refuses a token reused with other filters, saying so', () => {
    const token = tokens.encode({ scope: 109363, filters: 'bug_type=all;severity=all;status=all', offset: 25 });
    expect(() => tokens.decode(token, expected)).toThrow(/continuation_token was issued for other filters \(bug_type=all;severity=all;status=all\)/);
  });

  it('refuses a token of another test', () => {
    const token = tokens.encode({ scope: 109364, filters: expected.filters, offset: 25 });
    expect(() => tokens.decode(token, expected)).toThrow(/belongs to test 109364, not 109363/);
  });

  it('refuses an edited payload, garbage, and a token from another process', () => {
    const token = tokens.encode({ scope: 109363, filters: expected.filters, offset: 25 });
    const [body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, s: 109363, f: expected.filters, o: 0 })).toString('base64url');
    for (const bad of [`${body}.${'é'.repeat(mac.length)}`, '.', `${forged}.${mac}`, `${body}.${mac.slice(1)}`, 'garbage', `${token}.x`, new ContinuationTokens().encode({ scope: 109363, filters: expected.filters, offset: 25 })]) {
      expect(() => tokens.decode(bad, expected)).toThrow(expect.objectContaining({ parameter: 'continuation_token', message: expect.stringMatching(/not valid/) }));
    }
  });
});
