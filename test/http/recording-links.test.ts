/**
 * Signed, expiring recording links served by the team server itself: get-test-run-status over
 * Streamable HTTP hands out `gif_url` = base + /recordings/<runId>.gif?sig=...; the link serves the
 * GIF with no API key; an expired or tampered link is 403; a missing run is 404 (another user's
 * run reads the same once Testr data is per user: the route reads through the signed user's view). A real run in Chromium against the sandbox demo site.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linkSecret, RecordingLinks } from '../../src/http/recording-links.js';
import type { RunStatusOutput } from '../../src/testr/tool-schemas.js';
import { connectClient, startTestServer, type TestServer } from './helpers.js';

const TIMEOUT_MS = 180_000;

describe('RecordingLinks', () => {
  const links = new RecordingLinks(Buffer.from('x'.repeat(32)), () => 'https://mcp.example.com', 3_600);
  const now = Date.parse('2026-01-01T00:00:00Z');
  const sigOf = (url: string) => new URL(url).searchParams.get('sig')!;

  it('signs run, user and expiry, and accepts its own link until it expires', () => {
    const url = links.recordingUrl('123e4567-e89b-12d3-a456-426614174000', 'ann', now);
    expect(url).toMatch(/^https:\/\/mcp\.example\.com\/recordings\/123e4567-e89b-12d3-a456-426614174000\.gif\?sig=\d+\.[\w-]+\.[\w-]{43}$/);
    const sig = sigOf(url);
    expect(links.check('123e4567-e89b-12d3-a456-426614174000', sig, now + 3_599_000)).toEqual({ ok: true, userId: 'ann' });
    expect(links.check('123e4567-e89b-12d3-a456-426614174000', sig, now + 3_600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses any change to the run, the user, the expiry or the mac, and another secret', () => {
    const sig = sigOf(links.recordingUrl('run-a', 'ann', now));
    const [expires, user, mac] = sig.split('.') as [string, string, string];
    const bad = [
      `${Number(expires) + 3600}.${user}.${mac}`,
      `${expires}.${Buffer.from('ben').toString('base64url')}.${mac}`,
      `${expires}.${user}.${mac.slice(0, -2)}AA`,
      `${expires}.${user}`,
      `${expires}.${user}.${mac}.x`,
      '',
      'a.b.c',
    ];
    for (const s of bad) expect(links.check('run-a', s, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.check('run-b', sig, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(links.check('run-a', undefined, now)).toEqual({ ok: false, reason: 'invalid' });
    const other = new RecordingLinks(Buffer.from('y'.repeat(32)), () => 'https://mcp.example.com', 3_600);
    expect(other.check('run-a', sig, now)).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('linkSecret', () => {
  it('uses MCP_LINK_SECRET, else keeps one secret in link-secret beside the keys file, else one of its own with a warning', () => {
    const warnings: string[] = [];
    const warn = (m: string) => void warnings.push(m);
    expect(linkSecret('s'.repeat(40), '/nowhere/keys.json', warn).toString()).toBe('s'.repeat(40));
    const dir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-links-'));
    const first = linkSecret(undefined, path.join(dir, 'keys.json'), warn);
    expect(first.length).toBe(64);
    expect(statSync(path.join(dir, 'link-secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'link-secret'), 'utf8').trim()).toBe(first.toString());
    expect(linkSecret(undefined, path.join(dir, 'keys.json'), warn).equals(first)).toBe(true);
    expect(warnings).toEqual([]);
    writeFileSync(path.join(dir, 'not-a-dir'), '');
    expect(linkSecret(undefined, path.join(dir, 'not-a-dir', 'keys.json'), warn).length).toBe(64);
    expect(warnings[0]).toMatch(/Cannot keep a recording-link secret.*Set MCP_LINK_SECRET/);
  });
});

describe('recordings and runs over the team server', () => {
  let server: TestServer;
  let ann: Client;
  beforeAll(async () => {
    server = await startTestServer();
    ann = (await connectClient(server.url, { authorization: `Bearer ${server.keys.add({ user: 'ann' }).key}` })).client;
  }, TIMEOUT_MS);
  afterAll(async () => {
    await ann?.close();
    await server?.close();
  }, TIMEOUT_MS);

  async function ok<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
    const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
    if (result.isError) throw new Error(`${name}: ${JSON.stringify(result.content)}`);
    return result.structuredContent as T;
  }

  async function finishedRun(client: Client, steps: string[]): Promise<RunStatusOutput> {
    const { testDefinitionId } = await ok<{ testDefinitionId: unknown }>(client, 'create-test-definition', {
      name: 'Sign up page',
      targetUrl: `${server.sandbox.url}/demo/`,
      testType: 'step',
      steps,
    });
    const { testRunId } = await ok<{ testRunId: unknown }>(client, 'start-test-run', { testDefinitionId });
    const deadline = Date.now() + TIMEOUT_MS - 30_000;
    for (;;) {
      const run = await ok<RunStatusOutput>(client, 'get-test-run-status', { testRunId });
      if (run.status !== 'pending' && run.status !== 'running') return run;
      if (Date.now() > deadline) throw new Error(`run ${String(testRunId)} still ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('serves the GIF on the signed link without a key; expired or tampered 403; a missing run 404; /metrics counts runs by status', async () => {
    const run = await finishedRun(ann, ['click the "Sign Up" button', 'verify that "Create your account" is visible']);
    expect(run.status).toBe('completed');
    const runId = String(run.id);
    expect(run.gif_url).toMatch(new RegExp(`^${server.origin}/recordings/${runId}\\.gif\\?sig=`));

    const served = await fetch(run.gif_url!);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await served.arrayBuffer()).subarray(0, 6).toString('latin1')).toMatch(/^GIF8[79]a$/);

    const links = server.app.container.cradle.publicLinks as RecordingLinks;
    const sig = new URL(run.gif_url!).searchParams.get('sig')!;
    const [, user, mac] = sig.split('.');
    const expired = await fetch(`${server.origin}/recordings/${runId}.gif?sig=${links.signature(runId, 'ann', Math.floor(Date.now() / 1000) - 1)}`);
    expect(expired.status).toBe(403);
    expect(((await expired.json()) as { error: string }).error).toMatch(/expired.*get-test-run-status/);
    const stretched = await fetch(`${server.origin}/recordings/${runId}.gif?sig=${Math.floor(Date.now() / 1000) + 999_999}.${user}.${mac}`);
    expect(stretched.status).toBe(403);
    expect((await fetch(`${server.origin}/recordings/${runId}.gif`)).status).toBe(403);

    // A run that does not exist reads as not found, and so does anything that is not a run id.
    const missing = await fetch(links.recordingUrl('123e4567-e89b-12d3-a456-426614174000', 'ann'));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/Recording not found/);
    expect((await fetch(`${server.origin}/recordings/..%2Fkeys.json?sig=${sig}`)).status).toBe(404);
    // A valid link signed for another user reads the run through that user's Testr: not found.
    expect((await fetch(links.recordingUrl(runId, 'bob'))).status).toBe(404);

    // /metrics counts the runs by status (every status present, 0 when none).
    const metrics = await (await fetch(`${server.origin}/metrics`)).text();
    expect(metrics).toMatch(/^testio_mcp_testr_runs\{status="completed"\} 1$/m);
    for (const status of ['pending', 'running', 'failed', 'cancelled']) expect(metrics).toMatch(new RegExp(`^testio_mcp_testr_runs\\{status="${status}"\\} 0$`, 'm'));
    expect(metrics).toMatch(/testio_mcp_http_requests_total\{route="\/recordings",status="403"\} [1-9]/);

  }, TIMEOUT_MS);
});
