/**
 * The explorer on a site this project did not write: TodoMVC's vanilla JS app, served locally
 * from the `todomvc` package (the same server `npm run bench:explorer` uses).
 */
import { serveTodoMvc, type PackageSite } from '../../bench/lib/package-sites.js';
import { closeBrowser, runTest } from '../../src/testr/engine/index.js';
import { request, requireChromium } from './helpers.js';

let site: PackageSite;
beforeAll(async () => {
  requireChromium();
  site = await serveTodoMvc();
});
afterAll(async () => {
  await closeBrowser();
  await site.close();
});

it('adds a todo in TodoMVC (vanilla JS) and records why it counts as done', async () => {
  const outcome = await runTest(request(`${site.url}examples/vanillajs/`, { type: 'explorer', prompt: 'Add a todo "Buy milk"', maxActions: 4 }));
  expect(outcome).toMatchObject({ status: 'completed', goalReached: true });
  expect(outcome.steps.map((s) => s.stepText)).toEqual(['fill "What needs to be done?" with Buy milk', 'press Enter in "What needs to be done?"']);
  expect(outcome.steps.at(-1)?.matched).toMatch(/goal reached: "Buy milk", which the goal asked to enter, now shows on the page/);
});
