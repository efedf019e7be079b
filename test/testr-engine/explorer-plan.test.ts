import { isDestructive, judgeSuccess, looksLikeSuccess, parseGoal, reachedDestination, relevance } from '../../src/testr/engine/explorer-goal.js';
import type { PageElement, PageSnapshot } from '../../src/testr/engine/explorer-page.js';
import { planOptions, type ExplorerMemory } from '../../src/testr/engine/explorer-plan.js';

const memory = (): ExplorerMemory => ({ visited: new Set(), tried: new Set(), frontier: new Map(), generated: { email: 'gen@example.com', password: 'Generated-1!' } });
const safety = { blockPrivateNetworks: false };

describe('explorer goal', () => {
  it('extracts keywords, synonyms and values', () => {
    const goal = parseGoal('Subscribe to the newsletter with the email explorer-1@example.com');
    expect(goal.keywords).toEqual(['subscribe', 'newsletter']);
    expect(goal.synonyms).toContain('subscription');
    expect(goal.email).toBe('explorer-1@example.com');
    const signup = parseGoal('Register a new account named "Ana Lima" with password "hunter22"');
    expect(signup.password).toBe('hunter22');
    expect(signup.quoted).toEqual([{ value: 'Ana Lima', context: ['new', 'account', 'named'] }]);
    expect(signup.synonyms).toEqual(expect.arrayContaining(['sign up', 'create account']));
  });

  it('scores names by keyword and synonym overlap', () => {
    const goal = parseGoal('Subscribe to the newsletter');
    expect(relevance(goal, 'Subscribe to our newsletter')).toBe(2);
    expect(relevance(goal, 'Newsletter')).toBe(1);
    expect(relevance(goal, 'Subscription options')).toBeCloseTo(0.6);
    expect(relevance(goal, 'Products')).toBe(0);
    expect(relevance(parseGoal('Sign up for an account'), 'Create account')).toBeGreaterThan(1);
  });

  it.each(['Delete account', 'Remove item', 'Log out', 'Sign out', 'Logout', 'Pay now', 'Buy', 'Purchase', 'Unsubscribe', 'Cancel account', 'Checkout'])('%s is destructive', (name) => {
    expect(isDestructive(name)).toBe(true);
  });
  it('looks at link targets too and leaves harmless names alone', () => {
    expect(isDestructive('Bye', 'http://x/account/logout')).toBe(true);
    expect(isDestructive('Subscribe')).toBe(false);
    expect(isDestructive('Create Account')).toBe(false);
  });

  it('judges goals that only reach a page by its title or heading', () => {
    const find = parseGoal('Find the waterproof daypack');
    expect(find.destination).toEqual(['waterproof', 'daypack']);
    expect(reachedDestination(find, 'Waterproof Daypack - Acme\nWaterproof Daypack')).toMatch(/2 of 2 goal words/);
    expect(reachedDestination(find, 'Products - Acme\nProducts')).toBeUndefined();
    // Met on the way: most goal words named by the page or the link that led there.
    const pro = parseGoal('Show the pricing of the pro plan');
    expect(pro.destination).toEqual(['pricing', 'pro', 'plan']);
    expect(reachedDestination(pro, 'Acme\nPlans', 'Pro pricing')).toMatch(/3 of 3/);
    expect(reachedDestination(pro, 'Acme\nPricing', 'Home')).toBeUndefined();
    expect(parseGoal('Subscribe to the newsletter').destination).toEqual([]);
  });

  it('judges success against the goal\'s subject, with the evidence', () => {
    const newsletter = parseGoal('Subscribe to the newsletter with the email a@b.co');
    const created = { before: 'Join us', after: 'Welcome aboard!\nYour account has been created.', headings: 'Welcome\nWelcome aboard!', control: 'Create Account', typed: ['a@b.co'] };
    const wrong = judgeSuccess(newsletter, created);
    expect(wrong.reached).toBe(false);
    expect(wrong.evidence).toMatch(/nothing names the goal's subject \(subscribe, newsletter/);
    expect(judgeSuccess(parseGoal('Sign up with a@b.co'), created)).toMatchObject({ reached: true, evidence: expect.stringMatching(/account/) });
    const subscribed = { before: 'Newsletter', after: 'Subscribed\nThanks for subscribing, a@b.co!', headings: 'Subscribed', control: 'Send', typed: [] };
    expect(judgeSuccess(newsletter, subscribed)).toMatchObject({ reached: true, evidence: expect.stringMatching(/success message "Subscribed"/) });
    const todo = parseGoal('Add a todo "Buy milk"');
    expect(judgeSuccess(todo, { before: 'todos', after: 'todos\nBuy milk\n1 item left', headings: 'todos', typed: ['Buy milk'] })).toMatchObject({ reached: true });
    expect(judgeSuccess(todo, { before: 'todos', after: 'todos', headings: 'todos', typed: ['Buy milk'] }).reached).toBe(false);
    // A goal that asks for more after entering its value is not met by the value showing.
    const more = parseGoal('Add a todo "Buy milk" and mark it as completed');
    expect(judgeSuccess(more, { before: 'todos', after: 'todos\nBuy milk', headings: 'todos', typed: ['Buy milk'] }).reached).toBe(false);
    // A doing word used as a noun does not make a navigation goal a doing one.
    expect(parseGoal('Show the Find book by ID operation').destination).toEqual(['book', 'id', 'operation']);
    expect(judgeSuccess(newsletter, { ...subscribed, after: 'Error: invalid email\nThanks' }).reached).toBe(false);
  });

  it('sees success only in new text without errors', () => {
    expect(looksLikeSuccess('Welcome to Acme\nNewsletter', 'Welcome to Acme\nSubscribed\nThanks for subscribing, a@b.co!')).toBe(true);
    expect(looksLikeSuccess('Welcome to Acme', 'Welcome to Acme')).toBe(false);
    expect(looksLikeSuccess('Form', 'Error: please enter a valid email. Thanks!')).toBe(false);
  });
});

describe('explorer plan', () => {
  const el = (e: Partial<PageElement> & Pick<PageElement, 'id' | 'kind' | 'name'>): PageElement => ({ form: -1, ...e });
  const home: PageSnapshot = {
    url: 'http://site.test/',
    title: 'Home',
    elements: [
      el({ id: 0, kind: 'link', name: 'Home', href: 'http://site.test/' }),
      el({ id: 1, kind: 'link', name: 'Newsletter', href: 'http://site.test/newsletter' }),
      el({ id: 2, kind: 'link', name: 'Account', href: 'http://site.test/account' }),
      el({ id: 3, kind: 'button', name: 'Delete account', form: 0, submit: true }),
      el({ id: 4, kind: 'link', name: 'Log out', href: 'http://site.test/logout' }),
      el({ id: 5, kind: 'link', name: 'Subscribe to our newsletter', href: 'http://site.test/newsletter' }),
      el({ id: 6, kind: 'link', name: 'Elsewhere', href: 'http://other.test/' }),
      el({ id: 7, kind: 'link', name: 'Metadata', href: 'http://169.254.169.254/' }),
    ],
  };

  it('ranks goal-related links first and never offers destructive or foreign ones', () => {
    const options = planOptions(parseGoal('Subscribe to the newsletter'), home, memory(), safety);
    expect(options[0]?.description).toBe('click link "Subscribe to our newsletter"');
    expect(options[1]?.description).toBe('click link "Newsletter"');
    const all = options.map((o) => o.description).join('\n');
    expect(all).not.toMatch(/Delete|Log out|Elsewhere|Metadata|"Home"/);
  });

  it('fills a related form with values from the prompt and submits it', () => {
    const page: PageSnapshot = {
      url: 'http://site.test/signup',
      title: 'Sign up',
      elements: [
        el({ id: 0, kind: 'field', name: 'Email', form: 0, inputType: 'email', value: '' }),
        el({ id: 1, kind: 'field', name: 'Password', form: 0, inputType: 'password', value: '' }),
        el({ id: 2, kind: 'field', name: 'Plan', form: 0, inputType: 'select', value: 'Free', options: ['Free', 'Pro', 'Team'] }),
        el({ id: 3, kind: 'field', name: 'I agree to the terms', form: 0, inputType: 'checkbox', checked: false }),
        el({ id: 4, kind: 'field', name: 'Send me offers', form: 0, inputType: 'checkbox', checked: false }),
        el({ id: 5, kind: 'button', name: 'Create Account', form: 0, submit: true }),
      ],
    };
    const [best] = planOptions(parseGoal('Sign up with ana@example.com on the "Pro" plan'), page, memory(), safety);
    expect(best?.submitsGoal).toBe(true);
    expect(best?.steps.map((s) => [s.action, 'element' in s ? s.element.name : '', 'value' in s ? s.value : 'option' in s ? s.option : ''])).toEqual([
      ['fill', 'Email', 'ana@example.com'],
      ['fill', 'Password', 'Generated-1!'],
      ['select', 'Plan', 'Pro'],
      ['check', 'I agree to the terms', ''],
      ['click', 'Create Account', ''],
    ]);
  });
});
