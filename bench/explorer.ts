/**
 * `npm run bench:explorer`: explorer goals, without AI, on sites this project did not write,
 * served locally from installed packages (TodoMVC apps from `todomvc`, Swagger UI from
 * `swagger-ui-dist`; see bench/lib/package-sites.ts). Prints each goal's result with the evidence
 * the explorer recorded, and the pass rate per site.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeBrowser, runTest } from '../src/testr/engine/index.js';
import { serveSwaggerUi, serveTodoMvc, type PackageSite } from './lib/package-sites.js';

interface Goal {
  site: string;
  page: string;
  prompt: string;
}

const TODO_APPS = ['vanillajs', 'backbone', 'react', 'vue', 'knockoutjs', 'emberjs'];
const TODO_GOALS = ['Add a todo "Buy milk"', 'Add the item "Water the plants" to the list', 'Create a new todo called "Call the bank"'];
const SWAGGER_GOALS = [
  'Open the Find book by ID operation',
  'Show the List authors operation',
  'Show the details of the Add a new book operation',
  'Show the Book schema',
  'Open the authors section',
];

const GOALS: Goal[] = [
  ...TODO_APPS.flatMap((app) => TODO_GOALS.map((prompt) => ({ site: `TodoMVC (${app})`, page: `examples/${app}/`, prompt }))),
  ...SWAGGER_GOALS.map((prompt) => ({ site: 'Swagger UI', page: '', prompt })),
];

const dir = mkdtempSync(path.join(tmpdir(), 'bench-explorer-'));
const sites: Record<string, PackageSite> = { todo: await serveTodoMvc(), swagger: await serveSwaggerUi() };
const tally = new Map<string, { reached: number; total: number }>();
const lines: string[] = [];
try {
  for (const [i, goal] of GOALS.entries()) {
    const site = goal.site.startsWith('TodoMVC') ? sites.todo : sites.swagger;
    const outcome = await runTest({
      runId: `bench-explorer-${i + 1}`,
      targetUrl: `${site?.url ?? ''}${goal.page}`,
      mode: { type: 'explorer', prompt: goal.prompt, maxActions: 8 },
      recordingPath: path.join(dir, `run-${i + 1}.gif`),
      signal: new AbortController().signal,
      onStep: () => undefined,
      options: { blockPrivateNetworks: false, actionTimeoutMs: 5_000 },
    });
    const t = tally.get(goal.site) ?? { reached: 0, total: 0 };
    t.total++;
    if (outcome.goalReached) t.reached++;
    tally.set(goal.site, t);
    const evidence = outcome.steps.map((s) => s.matched ?? '').find((m) => m.includes('goal reached')) ?? outcome.error ?? '';
    lines.push(`${outcome.goalReached ? 'reached' : 'MISSED '} ${goal.site} · ${goal.prompt} · ${outcome.creditsUsed} action(s) · ${evidence.replace(/^.*goal reached: /, '')}`);
  }
} finally {
  await closeBrowser();
  await Promise.all(Object.values(sites).map((s) => s.close()));
}
let reached = 0;
let total = 0;
const rates = [...tally].map(([site, t]) => {
  reached += t.reached;
  total += t.total;
  return `  ${site}: ${t.reached}/${t.total} = ${((100 * t.reached) / t.total).toFixed(0)}%`;
});
process.stdout.write(`${lines.join('\n')}\n\nExplorer goals reached (no AI), per site:\n${rates.join('\n')}\n  all: ${reached}/${total}\n`);
