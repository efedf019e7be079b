/**
 * The built CLI as users run it: exit codes, messages, `tools`, `call`, `sandbox`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI, assertBuilt, childEnv } from '../helpers/stdio.js';

function run(args: string[], env: Record<string, string> = {}) {
  assertBuilt();
  const result = spawnSync(process.execPath, [CLI, ...args], { env: childEnv(env), cwd: '/', encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `testio-mcp sandbox` as a child process, with the two lines it printed. */
async function spawnSandbox(extraArgs: string[] = []) {
  assertBuilt();
  const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0', '--seed', '7', ...extraArgs], { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = await new Promise<string[]>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const got = out.split('\n').filter(Boolean);
      if (got.length >= 2) resolve(got);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, lines, stderr: () => stderr };
}

describe('testio-mcp command line', () => {
  it('--help lists every flag with its default, --version prints the version', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--env-file', '--cache-ttl-products', '--cache-ttl-tests', '--cache-ttl-bugs', '--log-level', '--log-format', '--max-concurrent-requests', '--connection-pool-size', '--http-timeout', '--sandbox', '--port', '--latency-ms', '--fault-rate', '--seed']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain('(default 3600; env CACHE_TTL_PRODUCTS)');
    expect(run(['-h']).stdout).toBe(help.stdout);
    const version = run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['--max-concurrent-requests', '51'], /--max-concurrent-requests: must be a whole number from 1 to 50/],
    [['--http-timeout', '0'], /--http-timeout/],
    [['--log-level', 'verbose'], /--log-level: must be one of/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--token', 'secret'], /Unknown option '--token'/],
    [['sandbox', '--port', '99999'], /--port: must be a whole number from 0 to 65535/],
    [['sandbox', '--fault-rate', '2'], /--fault-rate: must be a number from 0 to 1/],
  ])('exits 2 for %j naming the flag', (args, pattern) => {
    const result = run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stdout).toBe('');
  });

  it('refuses a missing --env-file, naming it', () => {
    // Node 20 itself also reads --env-file (even after the script) and exits 9 on a missing file;
    // either way the user gets a non-zero exit naming the file.
    const result = run(['tools', '--env-file', '/missing.env']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/\/missing\.env/);
    expect(result.stdout).toBe('');
  });

  it('refuses ENABLED_TOOLS and DISABLED_TOOLS together, and unknown names', () => {
    const both = run(['tools'], { ENABLED_TOOLS: 'health_check', DISABLED_TOOLS: 'clear_cache' });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/ENABLED_TOOLS and DISABLED_TOOLS are both set/);
    const unknown = run(['tools'], { ENABLED_TOOLS: 'get_tset_status' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/ENABLED_TOOLS names "get_tset_status", which matches no tool\. Valid names: .*get_test_status/);
  });

  it('`tools` lists the enabled tools, one a line, and --json', () => {
    const text = run(['tools'], { DISABLED_TOOLS: 'clear_cache' });
    expect(text.code).toBe(0);
    const names = text.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(names).toContain('get_test_status');
    expect(names).toContain('start-test-run');
    expect(names).not.toContain('clear_cache');
    expect(text.stdout).toMatch(/^get_test_status\s+testio\s+Get a TestIO test status$/m);
    expect(text.stdout).toMatch(/^start-test-run\s+testr\s+/m);
    const json = JSON.parse(run(['tools', '--json'], { ENABLED_TOOLS: 'health_check,list_products' }).stdout);
    expect(json.map((t: { name: string }) => t.name)).toEqual(['health_check', 'list_products']);
    expect(json[0]).toHaveProperty('title');
    expect(json[0]).toHaveProperty('toolset', 'testio');
  });

  it('`call` prints the answer, exits 1 on a tool error and 2 on bad JSON', () => {
    const ok = run(['call', 'get_valid_bug_filters']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/critical/);
    const noToken = run(['call', 'get_test_status', '{"test_id": 109363}']);
    expect(noToken.code).toBe(1);
    expect(noToken.stdout).toMatch(/TESTIO_CUSTOMER_API_TOKEN/);
    const sandboxed = run(['call', 'get_test_status', '{"test_id": "109363"}', '--sandbox', '--json']);
    expect(sandboxed.code).toBe(0);
    expect(JSON.parse(sandboxed.stdout).structuredContent).toBeDefined();
    const badJson = run(['call', 'get_test_status', '{test_id: 1}']);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/not valid JSON/);
  });

  it('`sandbox` prints exactly the two variable lines and serves the API', async () => {
    const { child, lines } = await spawnSandbox();
    try {
      expect(lines[0]).toMatch(/^TESTIO_CUSTOMER_API_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/customer\/v2$/);
      expect(lines[1]).toMatch(/^TESTIO_CUSTOMER_API_TOKEN=\S+$/);
      const base = lines[0].split('=')[1];
      const token = lines[1].split('=')[1];
      const res = await fetch(`${base}/products`, { headers: { Authorization: `Token ${token}` } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { products: unknown[] }).products.length).toBeGreaterThanOrEqual(8);
      expect((await fetch(`${base}/products`)).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
  it('`sandbox --latency-ms` holds many waiting requests at once without warnings', async () => {
    const { child, lines, stderr } = await spawnSandbox(['--latency-ms', '50']);
    try {
      const [base, token] = [lines[0].split('=')[1], lines[1].split('=')[1]];
      const answers = await Promise.all(Array.from({ length: 25 }, () => fetch(`${base}/products`, { headers: { Authorization: `Token ${token}` } })));
      expect(answers.map((a) => a.status)).toEqual(Array(25).fill(200));
      await Promise.all(answers.map((a) => a.arrayBuffer()));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    expect(stderr()).not.toMatch(/Warning/);
  });
});

describe('one-shot Testr runs from the command line', () => {
  it('`call start-test-run` waits for the run, which a later process can read', async () => {
    const { child, lines } = await spawnSandbox();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cli-testr-'));
    try {
      const site = lines[0].split('=')[1].replace('/customer/v2', '/demo/');
      const env = { TESTR_DATA_DIR: dataDir };
      const created = run(['call', 'create-test-definition', JSON.stringify({ name: 'CLI signup', targetUrl: site, testType: 'step', steps: ['Click the "Sign Up" button', 'Verify the page shows "Create your account"'] }), '--json'], env);
      expect(created.code).toBe(0);
      const id = JSON.parse(created.stdout).structuredContent.testDefinitionId;
      const started = run(['call', 'start-test-run', JSON.stringify({ testDefinitionId: id }), '--json'], env);
      expect(started.code).toBe(0);
      expect(started.stderr).toMatch(/The run has finished/);
      const runId = JSON.parse(started.stdout).structuredContent.testRunId;
      const status = run(['call', 'get-test-run-status', JSON.stringify({ testRunId: runId }), '--json'], env);
      expect(JSON.parse(status.stdout).structuredContent).toMatchObject({ status: 'completed', completed_steps: 2, credits_used: 2 });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
