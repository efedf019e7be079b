import { captionStyle } from '../../src/testr/engine/recorder.js';
import { hideSecretValues, stepCaption } from '../../src/testr/engine/outcome.js';

describe('recording captions', () => {
  it('say which step, how it went and what it did', () => {
    expect(stepCaption({ stepNumber: 2, stepText: 'Click the "Sign Up" button', status: 'passed', durationMs: 5 }, 5)).toBe('Step 2 of 5 · passed · Click the "Sign Up" button');
    expect(stepCaption({ stepNumber: 3, stepText: 'Click "Pay"', status: 'failed', durationMs: 5, error: 'No button "Pay" is visible.' }, 4)).toBe(
      'Step 3 of 4 · FAILED · Click "Pay" · No button "Pay" is visible.',
    );
    expect(stepCaption({ stepNumber: 1, stepText: 'click link "Newsletter"', status: 'passed', durationMs: 5 }, 10, 'Action')).toBe('Action 1 of 10 · passed · click link "Newsletter"');
    expect(stepCaption(undefined, 3)).toBeUndefined();
  });

  it.each([
    ['Type "s3cret-pass" into the password field', 'Type "••••••" into the password field'],
    ['Type secret123 into the password field', 'Type •••••• into the password field'],
    ['Fill Password with hunter22', 'Fill Password with ••••••'],
    ["enter 'abc' in the PIN field", "enter '••••••' in the PIN field"],
    ['Type "ada@example.com" into the email field', 'Type "ada@example.com" into the email field'],
    ['fill "Password" with a generated password', 'fill "Password" with a generated password'],
  ])('hide typed passwords: %s', (step, shown) => {
    expect(hideSecretValues(step)).toBe(shown);
  });

  it('escapes the caption into a CSS string that cannot break out', () => {
    const css = captionStyle('Verify "a\\b" } body { display: none');
    expect(css).toContain('content: "Verify \\"a\\\\b\\" } body { display: none" !important');
    expect(css.match(/(?<!\\)"/g)).toHaveLength(2);
  });
});
