/**
 * The step forms of issue 12, each with a reading that must hold (should-pass) and a near miss
 * that must be refused or read differently (should-fail).
 */
import { isProblem, readSteps } from '../../src/testr/engine/steps.js';
import { parseAction, parseActions } from '../../src/testr/engine/steps.js';

describe('normalising what people write', () => {
  it.each<[string, Record<string, unknown>]>([
    ['Given I am on the login page', { kind: 'navigate', url: 'login' }],
    ['When the user clicks "Sign Up"', { kind: 'click', target: { name: 'Sign Up' } }],
    ['And clicking the "Save" button', { kind: 'click', target: { name: 'Save', role: 'button' } }],
    ['Then I should see “Welcome”.', { kind: 'verify_text', query: { text: 'Welcome' } }],
    ['"Welcome" should be displayed', { kind: 'verify_text', query: { text: 'Welcome' } }],
    ['Then I should be on the login page', { kind: 'verify_page', name: 'login' }],
    ['I am redirected to the dashboard', { kind: 'verify_page', name: 'dashboard' }],
    ['User enters "ada" into the Name field', { kind: 'type', value: { literal: 'ada' } }],
    ["Then I can't see \"Error\"", { kind: 'verify_no_text', query: { text: 'Error' } }],
  ])('%s', (text, expected) => {
    expect(parseAction(text)).toMatchObject(expected);
  });

  it('reads "I am on X" as a place to go, and as a check after Then', () => {
    const read = readSteps(['Given I am on "/signup"', 'When I press "Go"', 'Then I am on the welcome page', 'And I am on "/x"']);
    expect(read.map((r) => (isProblem(r) ? 'refused' : r.actions[0]?.kind))).toEqual(['navigate', 'click', 'verify_page', 'verify_url']);
  });
});

describe('idioms, patterns and more states', () => {
  it.each<[string, Array<Record<string, unknown>>]>([
    ['and the Sign in button is clicked', [{ kind: 'click', target: { name: 'Sign in', role: 'button' } }]],
    ['And I log out', [{ kind: 'click', target: { name: 'log out' } }]],
    ['When I add "Sauce Labs Backpack" to the cart', [{ kind: 'click', target: { name: 'add to cart', near: 'Sauce Labs Backpack' } }]],
    ['Verify that the user can access the /dashboard page', [{ kind: 'navigate', url: '/dashboard' }]],
    ['It opens up the GitHub project page', [{ kind: 'verify_page', name: 'GitHub project' }]],
    ['When I leave both username and password fields empty', [{ kind: 'type', target: { name: 'username' }, value: { literal: '' } }, { kind: 'type', target: { name: 'password' }, value: { literal: '' } }]],
    ['check that page has regex "[0-9]{9,11}"', [{ kind: 'verify_text', query: { text: '[0-9]{9,11}', pattern: true } }]],
    ['check that page contains simple template "##-a.b"', [{ kind: 'verify_text', query: { text: '[0-9][0-9]-a\\.b', pattern: true } }]],
    ['Password field masks input', [{ kind: 'verify_state', target: { name: 'Password' }, state: 'masked' }]],
    ['And "Clear completed" is unavailable', [{ kind: 'verify_state', target: { name: 'Clear completed' }, state: 'unavailable', negate: false }]],
    ['verify the "Pay" button is not available', [{ kind: 'verify_state', target: { name: 'Pay' }, state: 'unavailable', negate: false }]],
  ])('%s', (text, expected) => {
    expect(parseActions(text)).toMatchObject(expected);
  });

  it.each(['check that page has regex "[0-9"', 'check that page has regex "(a+)+b"', 'verify the text matches template'])('refuses %s', (text) => {
    expect(() => parseActions(text)).toThrow();
  });
});

describe('step library forms', () => {
  it.each<[string, Record<string, unknown>]>([
    ['press "Login"', { kind: 'click', target: { name: 'Login' } }],
    ['follow "About us"', { kind: 'click', target: { name: 'About us' } }],
    ['fill in "Email" with "a@b.co"', { kind: 'type', target: { name: 'Email' }, value: { literal: 'a@b.co' } }],
    ['fill in "a@b.co" for "Email"', { kind: 'type', target: { name: 'Email' }, value: { literal: 'a@b.co' } }],
    ['enter a valid email address', { kind: 'type', target: { inputType: 'email' }, value: { generate: 'email' } }],
    ['type a random phone number into the Phone field', { kind: 'type', value: { generate: 'phone' } }],
    ['select "Pro" from the "Plan" dropdown', { kind: 'select', option: 'Pro', target: { name: 'Plan', role: 'combobox' } }],
    ['check the checkbox next to "Pay rent"', { kind: 'check', target: { generic: 'checkbox', near: 'Pay rent' } }],
    ['uncheck "Remember me"', { kind: 'uncheck', target: { name: 'Remember me' } }],
    ['wait 1.5 minutes', { kind: 'wait_time', ms: 90_000 }],
    ['wait 300 ms', { kind: 'wait_time', ms: 300 }],
    ['wait a few seconds', { kind: 'wait_time', ms: 3_000 }],
    ['the title should be "Acme"', { kind: 'verify_title', text: 'Acme', mode: 'equals' }],
    ['the URL should not contain "/login"', { kind: 'verify_url', text: '/login', negate: true }],
    ['verify the URL matches "/orders/\\d+"', { kind: 'verify_url', mode: 'matches' }],
    ['the "Save" button should be disabled', { kind: 'verify_state', target: { name: 'Save', role: 'button' }, state: 'disabled', negate: false }],
    ['verify the "Remember me" checkbox is not checked', { kind: 'verify_state', state: 'checked', negate: true }],
    ['the Home tab should be active', { kind: 'verify_state', target: { name: 'Home', role: 'tab' }, state: 'active' }],
    ['the search field should be empty', { kind: 'verify_state', state: 'empty' }],
    ['I should see 3 results', { kind: 'verify_count', noun: 'results', count: 3 }],
    ['the cart should have 2 items', { kind: 'verify_count', noun: 'items', count: 2 }],
    ['click the first result', { kind: 'click', target: { generic: 'result', ordinal: 1 } }],
    ['click the last link', { kind: 'click', target: { generic: 'link', ordinal: -1 } }],
    ['click the Delete button next to "Pay rent"', { kind: 'click', target: { name: 'Delete', role: 'button', near: 'Pay rent' } }],
    ["click the link 'About'", { kind: 'click', target: { name: 'About', role: 'link' } }],
    ['click #submit-order', { kind: 'click', target: { selector: '#submit-order' } }],
    ['click .btn-primary', { kind: 'click', target: { selector: '.btn-primary' } }],
    ['scroll to the bottom', { kind: 'scroll', direction: 'bottom' }],
    ['hover over the "Account" menu item', { kind: 'hover', target: { name: 'Account', role: 'menuitem' } }],
    ['go forward', { kind: 'forward' }],
    ['refresh the page', { kind: 'reload' }],
    ['close the cookie dialog', { kind: 'close_dialog' }],
    ['upload "avatar.png" to the "Photo" field', { kind: 'upload', file: 'avatar.png', target: { name: 'Photo' } }],
    ['Verify welcome message appears', { kind: 'verify_text', query: { text: 'welcome', keyword: true }, appears: true }],
    ['"Saved" is displayed after', { kind: 'verify_text', appears: true }],
    ['type in the search field "milk"', { kind: 'type', target: { name: 'search', inputType: 'search' }, value: { literal: 'milk' } }],
    ['type into the Name box "Ada Lovelace"', { kind: 'type', target: { name: 'Name' }, value: { literal: 'Ada Lovelace' } }],
    ['type in "Email": "ada@example.com"', { kind: 'type', target: { name: 'Email', inputType: 'email' }, value: { literal: 'ada@example.com' } }],
    ['enter the code "1234"', { kind: 'type', target: { name: 'code' }, value: { literal: '1234' } }],
    ['the Delete button next to "Pay rent" should be visible', { kind: 'verify_element', target: { name: 'Delete', role: 'button', near: 'Pay rent' } }],
    ['go to /missing expecting a 404', { kind: 'navigate', url: '/missing', expectStatus: 404 }],
    ['verify the page returns 404', { kind: 'verify_status', status: 404 }],
  ])('%s', (text, expected) => {
    expect(parseAction(text)).toMatchObject(expected);
  });

  it('expands multi-action steps into the steps they mean', () => {
    expect(parseActions('Log in as ada@example.com with password secret')).toEqual([
      { kind: 'type', target: { name: 'email', role: 'textbox', inputType: 'email' }, value: { literal: 'ada@example.com' } },
      { kind: 'type', target: { name: 'password', role: 'textbox', inputType: 'password' }, value: { literal: 'secret' } },
      { kind: 'press_key', key: 'Enter' },
    ]);
    expect(parseActions('click "Add" and verify "Added" appears').map((a) => a.kind)).toEqual(['click', 'verify_text']);
  });

  it.each([
    ['wait 36000 minutes', /waits 36000 minutes, longer than the longest wait a run allows \(5 minutes\)/],
    ['wait 2 hours', /longer than the longest wait/],
    ['verify the Login button is rounded', /asks for "rounded", which the runner cannot check/],
    ['the "Pay" button should be red', /asks for "red", which the runner cannot check/],
    ["click the red 'Delete' button", /describes the element as "red"/],
    ['check that page contains "error" below "Password"', /places the text below other text/],
    ['verify "Saved" is visible next to "Pay rent"', /places the text next to other text/],
    ['verify the URL matches "(("', /not a valid regular expression/],
    ['verify the user can access the dashboard', /could not be understood/],
    ['fill the login form with valid credentials', /could not be understood/],
    // Two quoted strings with nothing between them, or "the text": which is the field is a guess.
    ['type "a" "b"', /could not be understood/],
    ['type the text "hello"', /could not be understood/],
  ])('refuses %s', (text, message) => {
    expect(() => parseAction(text, 1)).toThrow(message);
  });
});
