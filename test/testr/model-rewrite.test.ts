/**
 * The model rewrite at creation, against a local OpenAI-compatible server that answers from
 * test/fixtures/model-rewrites.json: rewrites the grammar reads are stored and shown; a rewrite
 * the grammar refuses (an unsafe address) or an answer that is not steps leaves the step refused.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserTestr } from './helpers.js';
import { createService, removeDir, tempDataDir } from './helpers.js';

const answers = (JSON.parse(readFileSync('test/fixtures/model-rewrites.json', 'utf8')) as { answers: Record<string, string> }).answers;

let server: Server;
let service: UserTestr;
let dir: string;
const asked: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: Array<{ content: string }> };
      const prompt = body.messages.at(-1)?.content ?? '';
      const step = Object.keys(answers).find((k) => prompt.includes(JSON.stringify(k)));
      asked.push(step ?? '?');
      res.writeHead(req.url === '/v1/chat/completions' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: step ? answers[step] : '[]' } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dir = tempDataDir();
  const { port } = server.address() as AddressInfo;
  service = createService(dir, { config: { testrLlmBaseUrl: `http://127.0.0.1:${port}/v1`, testrLlmModel: 'fixture' } });
});

afterAll(async () => {
  await service.close();
  removeDir(dir);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('model rewrite at creation', () => {
  it('stores the rewritten grammar steps and shows what they came from', async () => {
    const created = await service.createDefinition({
      name: 'Login', targetUrl: 'http://127.0.0.1:9/', testType: 'step',
      steps: ['Given I am on the login page', 'When I fill the login form with valid credentials', 'Then I am logged in'],
    });
    expect(created.steps?.map((s) => [s.step_text, s.rewritten_from ?? null])).toEqual([
      ['Given I am on the login page', null],
      ['type "ada@example.com" into the email field', 'When I fill the login form with valid credentials'],
      ['type "secret123" into the password field', 'When I fill the login form with valid credentials'],
      ['press Enter', 'When I fill the login form with valid credentials'],
      ['verify that "Log out" is visible', 'Then I am logged in'],
    ]);
    const stored = await service.getDefinition(created.testDefinitionId);
    expect(stored.stepDefinitions.map((s) => s.step_text)).toHaveLength(5);
    // The readable step was never sent to the model.
    expect(asked).not.toContain('Given I am on the login page');
  });

  it('keeps refusing when the rewrite is unsafe or not steps', async () => {
    await expect(service.createDefinition({ name: 'x', targetUrl: 'http://127.0.0.1:9/', testType: 'step', steps: ['open the pod bay doors', 'do a barrel roll'] })).rejects.toThrow(
      /2 of 2 steps could not be accepted/,
    );
  });
});
