import { parseAction, parseStep, parseSteps } from '../../src/testr/engine/steps.js';
import { isToolError } from '../../src/platform/errors.js';

describe('step grammar', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['Navigate to https://example.com/shop', { kind: 'navigate', url: 'https://example.com/shop' }],
    ['go to /demo/signup', { kind: 'navigate', url: '/demo/signup' }],
    ['Open the signup page', { kind: 'navigate', url: 'signup' }],
    ['open the home page', { kind: 'navigate', url: '' }],
    ['visit example.com', { kind: 'navigate', url: 'https://example.com' }],
    ['go back', { kind: 'back' }],
    ['Click the "Sign Up" button', { kind: 'click', target: { name: 'Sign Up', role: 'button' } }],
    ["click on 'Create Account'", { kind: 'click', target: { name: 'Create Account' } }],
    ['Tap the Newsletter link', { kind: 'click', target: { name: 'Newsletter', role: 'link' } }],
    ['press the Sign Up button', { kind: 'click', target: { name: 'Sign Up', role: 'button' } }],
    ['press Enter', { kind: 'press_key', key: 'Enter' }],
    ['Press the Escape key', { kind: 'press_key', key: 'Escape' }],
    ['press arrow down', { kind: 'press_key', key: 'ArrowDown' }],
    ['press Control+A', { kind: 'press_key', key: 'Control+a' }],
    ['Type "ana@example.com" into the email field', { kind: 'type', target: { name: 'email', role: 'textbox', inputType: 'email' }, value: { literal: 'ana@example.com' } }],
    ['enter secret123 in the password field', { kind: 'type', target: { name: 'password', role: 'textbox', inputType: 'password' }, value: { literal: 'secret123' } }],
    ['type a valid email into the email field', { kind: 'type', value: { generate: 'email' } }],
    ['Type a password into the password field', { kind: 'type', value: { generate: 'password' } }],
    ['fill Email address with "x@y.co"', { kind: 'type', target: { name: 'Email address', role: 'textbox', inputType: 'email' }, value: { literal: 'x@y.co' } }],
    ['Fill in the "Name" field with Ana', { kind: 'type', target: { name: 'Name', role: 'textbox' }, value: { literal: 'Ana' } }],
    ['select "Pro" from the Plan dropdown', { kind: 'select', option: 'Pro', target: { name: 'Plan', role: 'combobox' } }],
    ['choose Team in Plan', { kind: 'select', option: 'Team', target: { name: 'Plan' } }],
    ['check the terms checkbox', { kind: 'check', target: { name: 'terms', role: 'checkbox' } }],
    // "Check" is an assertion unless a checkbox is named.
    ['Check "I agree to the terms"', { kind: 'verify_text', query: { text: 'I agree to the terms' } }],
    ['check the "I agree to the terms" checkbox', { kind: 'check', target: { name: 'I agree to the terms', role: 'checkbox' } }],
    ['tick "I agree to the terms"', { kind: 'check', target: { name: 'I agree to the terms' } }],
    ['uncheck "Remember me"', { kind: 'uncheck', target: { name: 'Remember me' } }],
    ['wait 2 seconds', { kind: 'wait_time', ms: 2000 }],
    ['wait 500ms', { kind: 'wait_time', ms: 500 }],
    ['Wait for "Welcome"', { kind: 'wait_text', query: { text: 'Welcome', keyword: false } }],
    ['wait for the page to load', { kind: 'wait_load' }],
    ['Verify that "Welcome aboard!" is visible', { kind: 'verify_text', query: { text: 'Welcome aboard!', keyword: false } }],
    ['verify the page shows "Thanks"', { kind: 'verify_text', query: { text: 'Thanks', keyword: false } }],
    ['Ensure the page contains Subscribed.', { kind: 'verify_text', query: { text: 'Subscribed', keyword: false } }],
    ['Verify a welcome message is displayed', { kind: 'verify_text', query: { text: 'welcome', keyword: true } }],
    ['verify welcome message', { kind: 'verify_text', query: { text: 'welcome', keyword: true } }],
    ['verify the Sign Up button is visible', { kind: 'verify_element', target: { name: 'Sign Up', role: 'button' } }],
    ['check that the URL contains "/signup"', { kind: 'verify_url', text: '/signup' }],
    ['verify the title contains "Acme"', { kind: 'verify_title', text: 'Acme' }],
    ['verify the email field has value "a@b.co"', { kind: 'verify_value', value: 'a@b.co', target: { name: 'email', role: 'textbox' } }],
    ['assert that "Error" is not visible', { kind: 'verify_no_text', query: { text: 'Error', keyword: false } }],
    ['Verify the user is redirected to the welcome page', { kind: 'verify_page', name: 'welcome' }],
    ['check that I am on the Newsletter page', { kind: 'verify_page', name: 'Newsletter' }],
    ['ensure the dashboard page loads', { kind: 'verify_page', name: 'dashboard' }],
    ["I should see 'Subscribed'", { kind: 'verify_text', query: { text: 'Subscribed', keyword: false } }],
    ["verify the success message 'Thanks for subscribing' appears", { kind: 'verify_text', query: { text: 'Thanks for subscribing', keyword: false } }],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(parseAction(text)).toMatchObject(expected);
  });

  it('sets stepType by keyword and kind by meaning', () => {
    expect(parseStep('check the terms checkbox')).toMatchObject({ kind: 'check', stepType: 'action' });
    expect(parseStep('Verify a welcome message is displayed')).toMatchObject({ kind: 'verify_text', stepType: 'verification' });
    expect(parseStep('click Sign Up')).toMatchObject({ kind: 'click', stepType: 'action', summary: 'click "Sign Up"' });
    expect(parseStep('click the "Sign Up" button').summary).toBe('click the button named "Sign Up"');
    expect(parseStep('ENSURE "x" is visible').stepType).toBe('verification');
  });

  it('names the step that is not understood and lists the forms', () => {
    try {
      parseSteps(['click Sign Up', 'open the pod bay doors', 'do a barrel roll']);
      throw new Error('expected a failure');
    } catch (error) {
      expect(isToolError(error)).toBe(true);
      const e = error as { parameter?: string; message: string; hint?: string };
      expect(e.parameter).toBe('steps');
      // Every refused step at once, each with the part not understood.
      expect(e.message).toMatch(/^2 of 3 steps could not be accepted:\n- Step 2 "open the pod bay doors" could not be understood: "the pod bay doors"/);
      expect(e.message).toMatch(/- Step 3 "do a barrel roll" could not be understood/);
      expect(e.hint).toContain('click the "Sign Up" button');
    }
    expect(() => parseStep('frobnicate the widget', 4)).toThrow(/Step 4 "frobnicate the widget" could not be understood/);
    expect(() => parseStep('clik Login', 1)).toThrow(/did you mean: click Login\?/);
  });

  it('refuses always-refused addresses at definition time', () => {
    expect(() => parseStep('navigate to http://169.254.169.254/latest/meta-data/', 2)).toThrow(/Step 2 ".*" navigates to a URL that is not allowed: it points to a cloud metadata address/);
    expect(() => parseStep('navigate to //169.254.169.254/', 1)).toThrow(/not allowed: it points to a cloud metadata address/);
    expect(() => parseStep('go to //user:pw@example.com/', 1)).toThrow(/credentials/);
    expect(() => parseStep('go to metadata.google.internal', 1)).toThrow(/cloud metadata host/);
    expect(() => parseStep('open http://metadata.google.internal/computeMetadata/v1/', 1)).toThrow(/cloud metadata host/);
    expect(() => parseStep('go to https://user:pw@example.com/', 1)).toThrow(/credentials/);
    expect(parseStep('go to http://127.0.0.1:8080/').kind).toBe('navigate');
  });

  it.each(['navigate to javascript:alert(1)', 'open data:text/html,hi', 'go to file:///etc/passwd'])('refuses %s', (text) => {
    expect(() => parseStep(text, 1)).toThrow(/Step 1 ".*" navigates to a (javascript|data|file): URL/);
  });
});
