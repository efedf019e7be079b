/**
 * The should-fail suite: steps that must fail on given pages, in every grammar form that expresses
 * them (a wrong pass is the worst bug a test runner can have). Each failing case has a passing
 * control on the same page, so a failure cannot come from a broken fixture.
 */
import { runTest } from '../../src/testr/engine/index.js';
import type { FixtureSite } from './fixture-site.js';
import { request, useFixtureSite } from './helpers.js';

const fixture = useFixtureSite();
let site: FixtureSite;
beforeAll(() => {
  site = fixture();
});

async function run(path: string, steps: string[]): Promise<{ status: string; error?: string }> {
  return runTest(request(`${site.url}${path.replace(/^\//, '')}`, { type: 'step', steps }, { options: { actionTimeoutMs: 800 } }));
}

const MUST_FAIL: Array<[string, string, string[]]> = [
  ['absent text', 'controls', ['verify "Nope" is visible', 'I should see "Nope"', 'Then "Nope" should be displayed', 'check that page contains "Nope"', 'wait for "Nope"', 'Then the page should show "Nope"']],
  ['wrong URL', 'controls', ['verify the URL contains "/nope"', 'the URL should be "/nope"', 'Then I should be on the nope page', 'I am redirected to the nope page', 'Then I am at "/nope"']],
  ['404 target', 'controls', ['go to /missing', 'Given I am on "/missing"', 'navigate to the missing page', 'click "Broken link"', 'follow "Broken link"', 'When I press "Broken link"']],
  ['disabled button clicked', 'controls', ['click "Pay"', 'press "Pay"', 'click the "Pay" button', 'When the user clicks the Pay button', 'tap the button named "Pay"']],
  ['unchecked box verified checked', 'controls', ['verify the "Subscribe" checkbox is checked', 'the "Subscribe" checkbox should be checked', 'Then "Subscribe" should be checked', 'ensure the Subscribe checkbox is ticked']],
  ['text already there does not "appear"', '', ['Verify welcome message appears', 'Then "Welcome to Fixture" should appear', 'verify "Welcome to Fixture" is displayed after']],
  ['wrong title', 'controls', ['the title should be "Nope"', 'verify the title contains "Nope"']],
  ['element absent from the row named', 'controls', ['the Delete button next to "Nope" should be visible', 'verify the "Show message" button next to "Pay rent" is visible', 'the checkbox next to "Buy milk" should be visible']],
  ['wrong state', 'controls', ['the "Pay" button should be enabled', 'verify the "Show message" button is disabled']],
  ['pattern absent', 'controls', ['check that page has regex "[0-9]{9,11}"', 'check that page contains simple template "###-###-###-###"']],
  ['usable button said unavailable', 'controls', ['And "Show message" is unavailable', 'verify the "Show message" button is not available', 'the "Pay" button is available']],
  ['plain field said to mask input', 'login', ['the Benutzername field masks input', 'verify the Benutzername field is masked']],
  ['idioms on a disabled button or a missing page', 'controls', ['the Pay button is clicked', 'verify that the user can access the /missing page', 'it opens up the nope page']],
];

describe('should fail', () => {
  for (const [what, path, steps] of MUST_FAIL) {
    it.each(steps)(`${what}: %s`, async (step) => {
      const outcome = await run(path, [step]);
      expect(outcome.status).toBe('failed');
      expect(outcome.error).toBeTruthy();
    });
  }

  it('fails "appears" when the step before did not make the text appear', async () => {
    const outcome = await run('controls', ['click "Show message"', 'verify "Controls" appears']);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/already visible before/);
  });
});

describe('controls that must pass on the same pages', () => {
  it.each<[string, string[]]>([
    ['controls', ['verify "Controls" is visible', 'verify the URL contains "/controls"', 'the title should be "Controls"']],
    ['controls', ['click "Show message"', 'verify "Saved!" appears', 'Then "Saved!" should be displayed']],
    ['controls', ['go to /missing expecting a 404']],
    ['controls', ['click "Broken link"', 'verify the page returns 404']],
    ['controls', ['the "Pay" button should be disabled', 'the "Subscribe" checkbox should not be checked', 'check the "Subscribe" checkbox', 'the "Subscribe" checkbox should be checked']],
    ['controls', ['click the Delete button next to "Buy milk"', 'verify "Buy milk" is not visible', 'verify "Pay rent" is visible']],
    ['controls', ['the Delete button next to "Pay rent" should be visible', 'verify the checkbox next to "Pay rent" is visible']],
    ['controls', ['tick the checkbox next to "Pay rent"', 'verify the "done" checkbox is checked']],
    ['controls', ['check that page has regex "555-[0-9]{3}"', 'check that page contains simple template "###-###-####"', '"Pay" is unavailable', '"Nothing like this" is unavailable', 'the "Show message" button is available']],
    ['login', ['Kennwort field masks input', 'the Benutzername field is not masked', 'leave both Benutzername and Kennwort fields empty', 'the Envoyer button is clicked']],
    ['controls', ['the user can access the /controls page', 'it opens up the Controls page']],
  ])('%s: %j', async (path, steps) => {
    const outcome = await run(path, steps);
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe('completed');
  });

  it('records which element an ambiguous click took and why', async () => {
    const outcome = await runTest(request(`${site.url}controls`, { type: 'step', steps: ['click "Delete"'] }, { options: { actionTimeoutMs: 800 } }));
    expect(outcome.status).toBe('completed');
    expect(outcome.steps[0]?.matched).toMatch(/2 matches; took number 1: enabled, outside navigation, header and footer, first in page order/);
  });
});
