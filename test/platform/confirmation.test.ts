/**
 * The platform's confirmation tokens: bound to tool, arguments and caller, single use, valid five
 * minutes (a clock the test moves). The end-to-end paths run in the write tools' own tests.
 */
import { localCaller } from '../../src/platform/caller.js';
import { bindingOf, CONFIRMATION_TTL_MS, ConfirmationTokens, createConfirmation } from '../../src/platform/confirmation.js';
import { createSilentLogger } from '../../src/platform/logger.js';

describe('confirmation tokens', () => {
  const caller = localCaller('sbx_token_a');

  it('binds the same arguments in any key order, and nothing else', () => {
    const base = bindingOf('accept_bug', { bug_id: [1, 2], note: { a: 1, b: 2 } }, caller);
    expect(bindingOf('accept_bug', { note: { b: 2, a: 1 }, bug_id: [1, 2] }, caller)).toBe(base);
    expect(bindingOf('accept_bug', { bug_id: [1, 2], note: { a: 1, b: 2 }, confirmation: 'cfm_x' }, caller)).toBe(base);
    expect(bindingOf('accept_bug', { bug_id: [2, 1], note: { a: 1, b: 2 } }, caller)).not.toBe(base);
    expect(bindingOf('reject_bug', { bug_id: [1, 2], note: { a: 1, b: 2 } }, caller)).not.toBe(base);
    expect(bindingOf('accept_bug', { bug_id: [1, 2], note: { a: 1, b: 2 } }, localCaller('sbx_token_b'))).not.toBe(base);
    expect(bindingOf('accept_bug', { bug_id: [1, 2], note: { a: 1, b: 2 } }, { ...caller, userId: 'someone-else' })).not.toBe(base);
  });

  it('expires after five minutes and is used up by one redemption', async () => {
    let now = 1_000_000;
    const tokens = new ConfirmationTokens(() => now);
    const stale = await tokens.issue('b1');
    const fresh = await tokens.issue('b1');
    expect(Date.parse(stale.expiresAt)).toBe(now + CONFIRMATION_TTL_MS);
    now += CONFIRMATION_TTL_MS - 1;
    await tokens.redeem(fresh.token, 'b1');
    await expect(tokens.redeem(fresh.token, 'b1')).rejects.toThrow(/unknown or was already used/);
    now += 1;
    await expect(tokens.redeem(stale.token, 'b1')).rejects.toThrow(/expired \(tokens are valid for 5 minutes\); nothing was changed/);
  });

  it('asks by elicitation when there is one, and answers pending with a token otherwise', async () => {
    const tokens = new ConfirmationTokens();
    const signal = new AbortController().signal;
    const scope = { tokens, caller, toolName: 'accept_bug', logger: createSilentLogger(), signal };
    const asked: string[] = [];
    const withElicit = createConfirmation({ ...scope, elicit: async ({ message }) => (asked.push(message), { action: 'accept', content: { confirm: true } }) });
    expect(await withElicit.confirm({ args: { bug_id: 1 }, summary: 'Accept bug 1' })).toEqual({ outcome: 'confirmed', via: 'elicitation' });
    expect(asked).toEqual(['Accept bug 1\n\nApply this change?']);
    // A client that fails to answer the elicitation falls back to the token.
    const broken = createConfirmation({ ...scope, elicit: async () => Promise.reject(new Error('Method not found')) });
    expect(await broken.confirm({ args: { bug_id: 1 }, summary: 's' })).toMatchObject({ outcome: 'pending', token: expect.stringMatching(/^cfm_/) });
    const plain = createConfirmation(scope);
    const pending = await plain.confirm({ args: { bug_id: 1 }, summary: 's' });
    if (pending.outcome !== 'pending') throw new Error('expected a token');
    await expect(plain.check({ args: { bug_id: 2 }, token: pending.token })).rejects.toThrow(/issued for other arguments/);
    expect(await plain.confirm({ args: { bug_id: 1 }, summary: 's', token: pending.token })).toEqual({ outcome: 'confirmed', via: 'token' });
  });
});
