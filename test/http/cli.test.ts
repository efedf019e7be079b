/**
 * The built CLI: `keys add|list|revoke`, `serve --http` printing MCP_URL on stdout, refusing a
 * non-loopback host without keys, the MCP Inspector CLI over --transport http, and SIGTERM with a
 * call in flight (it finishes, then exit 0).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { assertBuilt, childEnv, CLI, ROOT } from '../helpers/stdio.js';
import { connectClient, startServe } from './helpers.js';

const run = promisify(execFile);
const INSPECTOR = path.join(ROOT, 'node_modules', '@modelcontextprotocol', 'inspector', 'cli', 'build', 'cli.js');
const FIXTURE_PLUGINS = path.join(ROOT, 'test', 'fixtures', 'plugins');

beforeAll(() => assertBuilt());

function keysEnv(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'testio-mcp-keys-'));
  return { ...childEnv(), TESTIO_MCP_KEYS_FILE: path.join(dir, 'keys.json'), TESTR_DATA_DIR: dir };
}

describe('testio-mcp keys and serve --http', () => {
  it('adds a key (printed once, stored hashed, token from the environment sealed), lists and revokes it', async () => {
    const env = keysEnv();
    const added = await run(process.execPath, [CLI, 'keys', 'add', '--user', 'alice', '--tools', 'get_test_status'], { env: { ...env, TESTIO_MCP_KEY_TOKEN: 'tenant-token-123' } });
    const key = added.stdout.trim();
    expect(key).toMatch(/^tmcp_[A-Za-z0-9_-]{43}$/);
    const file = readFileSync(env.TESTIO_MCP_KEYS_FILE!, 'utf8');
    expect(file).not.toContain(key);
    expect(file).not.toContain('tenant-token-123');
    const listed = await run(process.execPath, [CLI, 'keys', 'list'], { env });
    const id = /^(key_[0-9a-f]+)\talice\tactive/m.exec(listed.stdout)?.[1];
    expect(id).toBeDefined();
    await run(process.execPath, [CLI, 'keys', 'revoke', id!], { env });
    expect((await run(process.execPath, [CLI, 'keys', 'list'], { env })).stdout).toMatch(/alice\trevoked/);
  });

  it('adds a key with --toolsets (checked against the known toolsets, stored, listed) and refuses an unknown one', async () => {
    const env = keysEnv();
    const added = await run(process.execPath, [CLI, 'keys', 'add', '--user', 'tess', '--toolsets', 'testr,testio-write'], { env });
    expect(added.stdout.trim()).toMatch(/^tmcp_/);
    expect(added.stderr).toMatch(/does not serve testio-write/);
    expect(added.stderr).toMatch(/The key may use: .*start-test-run/);
    expect(added.stderr).not.toMatch(/get_test_status/);
    const [record] = (JSON.parse(readFileSync(env.TESTIO_MCP_KEYS_FILE!, 'utf8')) as { keys: Array<{ toolsets?: string[] }> }).keys;
    expect(record!.toolsets).toEqual(['testr', 'testio-write']);
    expect((await run(process.execPath, [CLI, 'keys', 'list'], { env })).stdout).toMatch(/tess\tactive\t.*toolsets=testr,testio-write/);
    const failed = await run(process.execPath, [CLI, 'keys', 'add', '--user', 'tess', '--toolsets', 'tester'], { env }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toMatch(/--toolsets names "tester", which is no toolset\. Valid toolsets: .*testr/);
  });

  it('refuses a key for the reserved local user, whose Testr data stdio owns', async () => {
    const env = keysEnv();
    const failed = await run(process.execPath, [CLI, 'keys', 'add', '--user', 'Local'], { env }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toMatch(/--user "Local" is reserved: it is the user of stdio .* Choose another name\./);
    expect((await run(process.execPath, [CLI, 'keys', 'list'], { env })).stdout).not.toMatch(/Local/);
  });

  it('refuses to serve on a non-loopback host without keys, saying how to create one', async () => {
    const failed = await run(process.execPath, [CLI, 'serve', '--http', '--host', '0.0.0.0', '--port', '0'], { env: keysEnv() }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    expect((failed as { stderr: string }).stderr).toContain('testio-mcp keys add --user NAME');
  });

  it('prints MCP_URL, answers the MCP Inspector CLI over HTTP, and drains on SIGTERM with a call in flight', async () => {
    const server = startServe({ ...keysEnv(), PLUGIN_DIRS: FIXTURE_PLUGINS });
    try {
      const url = await server.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      const { stdout } = await run(process.execPath, [INSPECTOR, '--cli', url, '--transport', 'http', '--method', 'tools/call', '--tool-name', 'get_test_status', '--tool-arg', 'test_id=109363'], { cwd: ROOT, timeout: 60_000 });
      const result = JSON.parse(stdout) as { isError?: boolean; structuredContent?: unknown };
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result.structuredContent)).toContain('109363');

      const { client } = await connectClient(url);
      const progress: number[] = [];
      const call = client.callTool({ name: 'slow', arguments: { ms: 1_500 } }, CallToolResultSchema, { onprogress: (p) => void progress.push(p.progress) });
      while (progress.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      server.child.kill('SIGTERM');
      const result2 = await call;
      expect((result2.content as Array<{ text: string }>)[0]!.text).toBe('waited 1500 ms');
      expect(await server.exited).toBe(0);
      expect(server.stderr()).toContain('Draining (SIGTERM)');
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
