/**
 * Fuzz: for every tool the server registers, arguments derived from the tool's own advertised JSON
 * inputSchema (tools/list), plus hostile values. Every answer must be a valid CallToolResult, every
 * invalid argument an `isError` naming the parameter, and the server must keep answering.
 *
 * Testr: TESTR_CREDITS=0, so start-test-run refuses every start for lack of credits and the fuzz
 * never launches a browser (CHROMIUM_PATH points nowhere as a second guard); the other Testr
 * tools run for real against a throwaway database.
 *
 * TestIO write tools: served (TESTIO_WRITE_TOOLS=true) to a client without elicitation, so no fuzzed
 * call can change anything without a token the server issued; fuzzed `confirmation` values never
 * are one, and the suite checks that the sandbox's data did not change.
 *
 * Protocol: malformed, batched and oversized lines written straight onto the built server's stdin
 * each get a JSON-RPC error (or nothing), and the server keeps answering.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { startSandbox, type SandboxHandle } from '../../src/sandbox/index.js';
import { startRawServer, type RawServer } from './support/raw-stdio.js';
import { assertWellFormed, textOf } from './support/result-checks.js';
import { invalidCases, validArgs, type Hints, type JsonSchema } from './support/schema-arbitraries.js';

// Known statically so each tool gets its own test; the suite checks tools/list agrees.
const PLUGIN_NAMES = readdirSync(path.resolve('plugins'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Garbage that a server-issued continuation token can never be. */
const GARBAGE_TOKENS = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }).map((s) => `garbage:${s}`),
  fc.constantFrom('eyJvZmZzZXQiOi01fQ', 'eyJvZmZzZXQiOjEwMDAwMDAwfQ', Buffer.from('{"offset":-5,"test_id":109363}').toString('base64url'), '%%%', 'null', '0'),
);
/** Arguments that reach real data, for the tools that take a continuation token. */
const KNOWN_GOOD: Record<string, Record<string, unknown>> = {
  get_test_bugs: { test_id: 109363 },
  list_tests: { product_id: 25073 },
};

/** Real ids and accepted forms, so fuzzed calls also reach the handlers' happy paths (see Hints). */
const hints = (sandboxUrl: string, forwardedIds: number[]): Hints => {
  const forwarded = fc.constantFrom(...forwardedIds);
  const testId = fc.constantFrom(109363, 109364, 120000, '109363');
  const date = fc.constantFrom('last 30 days', '2024-10-01', 'Q4 2024', 'this year', 'yesterday', '2024-10-01T09:00:00Z', 'since 2024-01-01');
  return {
    test_id: testId,
    test_ids: fc.array(fc.constantFrom(109363, 109364, '109364'), { minLength: 1, maxLength: 3 }),
    product_id: fc.constant(25073),
    product_ids: fc.constantFrom([25073], 25073),
    start_date: date,
    end_date: date,
    // IP-literal URLs: no DNS lookup, so an offline machine does not wait on resolver timeouts.
    targetUrl: fc.constantFrom(`${sandboxUrl}/demo/`, 'http://127.0.0.1:9/'),
    name: fc.constantFrom('Sign-up works', 'Newsletter'),
    testType: fc.constant('step'),
    steps: fc.constant(['Click the "Sign Up" button', 'Type "fuzz@example.com" into the "Email" field', 'Verify the page shows "Welcome"']),
    // One id: accept_bug and reject_bug take it as a list of one, the mark tools as their bug.
    bug_id: fc.oneof(forwarded, fc.constant(1)),
    reason: fc.constantFrom('not_reproducible', 'intended_behavior', 'duplicate'),
    comment: fc.constant('Tried on three devices.'),
    start_at: fc.constantFrom('tomorrow', 'in 2 days', 'in 3 hours', '2030-05-01T09:00:00Z', '2024-10-01', 'soon'),
    duration_hours: fc.constantFrom(1, 24, 0.5),
    test_environment: fc.constantFrom(1, { title: 'Preview', url: 'https://preview.example.com' }),
    confirmation: fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('cfm_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'cfm_')),
  };
};

/** What the write tools could change in the sandbox: bug review state, tests and their statuses. */
const testioState = (h: Harness) =>
  JSON.stringify([h.sandbox!.data.bugs.map((b) => [b.id, b.status, b.known, b.fixed, b.export_status]), h.sandbox!.data.tests.map((t) => [t.id, t.status])]);

/** How the platform words refusals of a parameter's presence or type. */
const TYPE_LEVEL_REFUSAL = /^(Missing required parameter|Unknown parameter|Invalid "[^"]+": expected )/m;

const VALID_RUNS = 30;
const INVALID_RUNS = 40;

describe('fuzz: every registered tool against its own schema', () => {
  let h: Harness;
  let tools: Map<string, Tool>;
  let secrets: string[];
  let knownValues: Hints;
  let dataBefore: string;

  beforeAll(async () => {
    h = await startHarness({ sandbox: true, env: { TESTR_CREDITS: '0', CHROMIUM_PATH: '/nonexistent/chromium-for-fuzz', TESTIO_WRITE_TOOLS: 'true' } });
    tools = new Map((await h.client.listTools()).tools.map((tool) => [tool.name, tool]));
    secrets = [h.config.token ?? ''].filter(Boolean);
    knownValues = hints(h.sandbox!.url, h.sandbox!.data.bugs.filter((b) => b.status === 'forwarded').slice(0, 5).map((b) => b.id));
    dataBefore = testioState(h);
  });
  afterAll(() => h?.close());

  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await h.client.callTool({ name, arguments: args });
    assertWellFormed(result, secrets, `${name} ${JSON.stringify(args).slice(0, 200)}`);
    return result;
  };

  it('serves every plugin folder as a tool', () => {
    expect([...tools.keys()].sort()).toEqual(PLUGIN_NAMES);
  });

  describe.each(PLUGIN_NAMES)('%s', (name) => {
    const schemaOf = () => tools.get(name)!.inputSchema as JsonSchema;

    it('answers schema-valid and hostile-but-valid arguments with a well-formed result', async () => {
      await fc.assert(
        fc.asyncProperty(validArgs(schemaOf(), knownValues), async (args) => {
          const result = await call(name, args);
          // A tool error is fine (unknown id, conflicting filters), but never a type-level refusal
          // of what the advertised schema allows: that would mean schema and validator disagree.
          if (result.isError && TYPE_LEVEL_REFUSAL.test(textOf(result))) throw new Error(`schema-valid ${JSON.stringify(args).slice(0, 200)} refused: ${textOf(result).slice(0, 200)}`);
        }),
        { numRuns: VALID_RUNS },
      );
    });

    it('refuses each invalid argument with an error naming the parameter', async () => {
      await fc.assert(
        fc.asyncProperty(invalidCases(schemaOf(), knownValues), async ({ parameter, args, why }) => {
          const result = await call(name, args);
          if (!result.isError) throw new Error(`${why}: accepted (${textOf(result).slice(0, 120)})`);
          if (!textOf(result).includes(parameter)) throw new Error(`${why}: message does not name "${parameter}": ${textOf(result).slice(0, 200)}`);
        }),
        { numRuns: INVALID_RUNS },
      );
    });

    it('refuses garbage continuation tokens naming continuation_token', async () => {
      if (!schemaOf().properties?.continuation_token) return;
      await fc.assert(
        fc.asyncProperty(GARBAGE_TOKENS, async (token) => {
          const result = await call(name, { ...(KNOWN_GOOD[name] ?? {}), continuation_token: token });
          if (!result.isError) throw new Error(`token ${JSON.stringify(token)} accepted`);
          if (!textOf(result).includes('continuation_token')) throw new Error(`token ${JSON.stringify(token)}: ${textOf(result).slice(0, 200)}`);
        }),
        { numRuns: 20 },
      );
    });
  });

  it('still answers every tool listing and a health check afterwards', async () => {
    expect((await h.client.listTools()).tools.length).toBe(PLUGIN_NAMES.length);
    const health = await call('health_check', {});
    expect(health.isError).toBeFalsy();
  });

  it('changed nothing in TestIO: every write needs a confirmation no fuzzed call can give', () => {
    expect(testioState(h)).toBe(dataBefore);
  });

  it('refuses an unknown tool by name', async () => {
    const unknown = await call('no_such_tool', {});
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/no_such_tool/);
  });
});

/** Malformed protocol input, written straight onto the built server's stdin (needs `npm run build`). */
describe('fuzz: malformed and oversized protocol input on stdio', () => {
  const JSON_RPC_ERRORS = new Set([-32700, -32600, -32601, -32602]);
  let sandbox: SandboxHandle;
  let server: RawServer;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'testio-protocol-fuzz-'));
  // Pings use ids no fuzzed message carries.
  let pings = 0;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    server = await startRawServer({ TESTIO_CUSTOMER_API_BASE_URL: sandbox.baseUrl, TESTIO_CUSTOMER_API_TOKEN: sandbox.token, TESTR_CREDITS: '0', TESTR_DATA_DIR: dataDir, LOG_LEVEL: 'ERROR' });
  });
  afterAll(async () => {
    await server?.kill();
    await sandbox?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends one line, then a ping: every reply in between is a JSON-RPC error, and the ping is answered. */
  const survives = async (line: string) => {
    const from = server.lines.length;
    server.send(`${line.replace(/\n/g, ' ')}\n`);
    const id = `fuzz-ping-${(pings += 1)}`;
    const pong = await server.request(id, 'ping');
    if (!pong.result) throw new Error(`ping after ${JSON.stringify(line).slice(0, 200)} answered ${JSON.stringify(pong)}`);
    for (const reply of server.lines.slice(from)) {
      if (reply.jsonrpc !== '2.0') throw new Error(`not JSON-RPC 2.0: ${JSON.stringify(reply).slice(0, 200)}`);
      if (reply.error && !JSON_RPC_ERRORS.has(reply.error.code)) throw new Error(`unexpected code ${reply.error.code} for ${JSON.stringify(line).slice(0, 200)}`);
    }
    if (server.junk()) throw new Error(`stdout carried something else than JSON-RPC: ${server.junk().slice(0, 200)}`);
  };

  const request = (params: fc.Arbitrary<unknown>) =>
    fc.record({ jsonrpc: fc.constantFrom('2.0', '1.0', 2), id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), method: fc.constantFrom('ping', 'tools/list', 'tools/call', 'initialize', 'nope'), params });
  const malformedLine = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json({ maxDepth: 3 }),
    request(fc.oneof(fc.array(fc.anything(), { maxLength: 4 }), fc.string(), fc.integer(), fc.constant(null))).map((r) => JSON.stringify(r)),
    fc.array(request(fc.constant({})), { maxLength: 4 }).map((batch) => JSON.stringify(batch)),
    fc.string({ maxLength: 80 }).map((s) => `{"jsonrpc":"2.0","id":1,"method":${s}`),
  );

  it('answers every malformed line with a JSON-RPC error or nothing, and keeps serving', async () => {
    await fc.assert(fc.asyncProperty(malformedLine, survives), { numRuns: 150 });
  });

  it('refuses oversized lines, whatever they hold, and keeps serving', async () => {
    const over = 10 * 1024 * 1024 + 1;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"x":"', '[', 'garbage '), async (head) => {
        const from = server.lines.length;
        await survives(`${head}${'a'.repeat(over)}`);
        const refusals = server.lines.slice(from).filter((line) => line.error?.code === -32600 && /larger than 10 MB/.test(line.error.message));
        if (refusals.length !== 1) throw new Error(`expected one refusal for ${head}, got ${JSON.stringify(server.lines.slice(from)).slice(0, 300)}`);
        if (head.includes('"big"') && refusals[0].id !== 'big') throw new Error('the refusal does not carry the request id');
      }),
      { numRuns: 3 },
    );
  });
});
