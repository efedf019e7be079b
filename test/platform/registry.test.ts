import path from 'node:path';
import { startHarness, type Harness } from '../helpers/harness.js';

const FIXTURES = path.resolve('test/fixtures/plugins');

describe('tool registry through a real MCP client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ pluginDirs: [FIXTURES] });
  });
  afterAll(() => h.close());

  it('lists good plugins sorted, skipping broken ones', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['echo', 'slow']);
    const echo = tools[0];
    expect(echo.title).toBe('Echo');
    expect(echo.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    expect(echo.inputSchema.properties?.id).toMatchObject({ type: 'integer' });
    expect(echo.outputSchema).toBeDefined();
    const reasons = h.app.failures.map((f) => `${path.basename(path.dirname(f.file))}: ${f.reason}`).sort();
    expect(reasons).toEqual([
      expect.stringMatching(/^bad-shape: invalid tool definition: .*annotations/),
      expect.stringMatching(/^broken-import: failed to load: this plugin is broken on purpose/),
      expect.stringMatching(/^wrong-folder: tool name "not-the-folder-name" must equal its folder name "wrong-folder"/),
    ]);
  });

  it('returns structuredContent plus the rendered text', async () => {
    const result = await h.call('echo', { message: 'hi', id: '42', mode: 'loud' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ message: 'HI', id: 42 });
    expect(h.text(result)).toBe('Echo: HI');
  });

  it.each([
    [{}, /Missing required parameter "message"/],
    [{ message: 'x', mode: 'quiet' }, /Invalid "mode": "quiet" is not allowed\. Use one of: plain, loud\./],
    [{ message: 'x', id: -3 }, /Invalid "id".*positive/],
    [{ message: 'x', id: 'abc' }, /Invalid "id".*positive whole number/],
    [{ message: null }, /^Invalid "message": expected string, got null\.$/],
    [{ message: 'x', mode: { loud: true } }, /^Invalid "mode": \{"loud":true\} is not allowed\. Use one of: plain, loud\.$/],
    [{ message: 'x', colour: 'red' }, /Unknown parameter "colour"\. Valid parameters: message, id, mode\./],
    [{ message: 'fail-input' }, /^Invalid "message": must not be "fail-input"\. Send any other text\.$/],
  ])('refuses bad input %j with a message naming the parameter', async (args, pattern) => {
    const result = await h.call('echo', args as Record<string, unknown>);
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(pattern);
  });

  it('turns a crashing handler into a short error and keeps serving', async () => {
    const result = await h.call('echo', { message: 'crash' });
    expect(result.isError).toBe(true);
    expect(h.text(result)).toMatch(/^echo failed unexpectedly: boom/);
    expect(h.text(result)).not.toMatch(/\n\s+at /);
    expect((await h.call('echo', { message: 'still here' })).isError).toBeFalsy();
  });

  it('answers an unknown tool with the list of tools', async () => {
    const result = await h.call('nope');
    expect(result.isError).toBe(true);
    expect(h.text(result)).toBe('Unknown tool "nope". Available tools: echo, slow.');
  });

  it('sends progress notifications when the client asks for them', async () => {
    const seen: number[] = [];
    const result = await h.client.callTool({ name: 'slow', arguments: { ms: 50 } }, undefined, { onprogress: (p) => seen.push(p.progress) });
    expect(result.isError).toBeFalsy();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('cancels a call when the client aborts it', async () => {
    const controller = new AbortController();
    const pending = h.client.callTool({ name: 'slow', arguments: { ms: 5_000 } }, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toThrow(/abort/i);
    await new Promise((r) => setTimeout(r, 20));
    expect(h.app.registry.inFlight()).toBe(0);
  });
});
