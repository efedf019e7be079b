/**
 * Fuzz: for every tool the server registers, arguments derived from the tool's own advertised JSON
 * inputSchema (tools/list), plus hostile values. Every answer must be a valid CallToolResult, every
 * invalid argument an `isError` naming the parameter, and the server must keep answering.
 *
 * Testr: TESTR_CREDITS=0, so start-test-run refuses every start for lack of credits and the fuzz
 * never launches a browser (CHROMIUM_PATH points nowhere as a second guard); the other Testr
 * tools run for real against a throwaway database.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as fc from 'fast-check';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { startHarness, type Harness } from '../helpers/harness.js';
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
const hints = (sandboxUrl: string): Hints => {
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
  };
};

/** How the platform words refusals of a parameter's presence or type. */
const TYPE_LEVEL_REFUSAL = /^(Missing required parameter|Unknown parameter|Invalid "[^"]+": expected )/m;

const VALID_RUNS = 30;
const INVALID_RUNS = 40;

describe('fuzz: every registered tool against its own schema', () => {
  let h: Harness;
  let tools: Map<string, Tool>;
  let secrets: string[];
  let knownValues: Hints;

  beforeAll(async () => {
    h = await startHarness({ sandbox: true, env: { TESTR_CREDITS: '0', CHROMIUM_PATH: '/nonexistent/chromium-for-fuzz' } });
    tools = new Map((await h.client.listTools()).tools.map((tool) => [tool.name, tool]));
    secrets = [h.config.token ?? ''].filter(Boolean);
    knownValues = hints(h.sandbox!.url);
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

  it('refuses an unknown tool by name', async () => {
    const unknown = await call('no_such_tool', {});
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/no_such_tool/);
  });
});
