/**
 * `testio-mcp keys add|list|revoke`: the team server's API keys. The key is printed once on
 * stdout; the file keeps its SHA-256. A key's TestIO token never comes as a flag: from the
 * TESTIO_MCP_KEY_TOKEN variable, or from stdin with --token-stdin.
 */
import { COMPOSITION, loadConfig } from '../../areas.js';
import { createApp } from '../../platform/app.js';
import { LOCAL_USER } from '../../platform/caller.js';
import { ConfigError, type Config } from '../../platform/config.js';
import { createSilentLogger } from '../../platform/logger.js';
import { KeyStore } from '../../http/keys/key-store.js';
import type { ParsedCli } from '../args.js';

const nameList = (raw: string | undefined) =>
  raw
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/**
 * Checks a key's --toolsets against the toolsets this installation knows (a typo is refused, listing
 * the valid ones) and says which tools they give under the current server settings.
 */
async function checkToolsets(config: Config, toolsets: string[], tools: string[] | undefined): Promise<void> {
  const app = await createApp({ ...COMPOSITION, config, logger: createSilentLogger() });
  try {
    const granted = [...app.toolsForToolsets(toolsets)].filter((name) => !tools || tools.includes(name)).sort();
    const off = toolsets.filter((name) => !app.toolsets.includes(name));
    if (off.length > 0) console.error(`Note: with the current settings the server does not serve ${off.join(', ')} (served: ${app.toolsets.join(', ')}); the key gets none of their tools until it does.`);
    console.error(granted.length ? `The key may use: ${granted.join(', ')}.` : 'With the current settings the key may use no tool; check --tools, --toolsets and TOOLSETS.');
  } finally {
    await app.close(0);
  }
}

export async function keysCommand(cli: ParsedCli): Promise<number> {
  const config = loadConfig({ flags: cli.settingFlags, envFile: cli.envFile });
  const store = new KeyStore(config.keysFile);
  const [action, arg] = cli.positionals;
  switch (action) {
    case 'add': {
      const user = cli.keyFlags.user?.trim();
      if (!user) throw new ConfigError('keys add needs --user NAME (the user the key acts for; Testr data belongs to that user).');
      // The local user owns stdio's and key-less HTTP's Testr data: a key for it would share them.
      if (user.toLowerCase() === LOCAL_USER) throw new ConfigError(`--user "${user}" is reserved: it is the user of stdio and of a team server without keys, whose Testr data a key must not share. Choose another name.`);
      const credits = cli.keyFlags.credits === undefined ? undefined : Number(cli.keyFlags.credits);
      if (credits !== undefined && (!Number.isInteger(credits) || credits < 0)) throw new ConfigError(`--credits must be a whole number from 0 (got ${JSON.stringify(cli.keyFlags.credits)}).`);
      const tools = nameList(cli.keyFlags.tools);
      const toolsets = nameList(cli.keyFlags.toolsets);
      if (toolsets?.length) await checkToolsets(config, toolsets, tools?.length ? tools : undefined);
      const testioToken = cli.tokenStdin ? await readStdin() : process.env.TESTIO_MCP_KEY_TOKEN?.trim() || undefined;
      const { key, record } = store.add({ user, tools, toolsets, credits, testioToken });
      console.log(key);
      console.error(`Created ${record.id} for user "${user}"${record.sealedToken ? ' with its own TestIO token' : ''} in ${store.file}. The key above is shown only now; store it safely.`);
      return 0;
    }
    case 'list': {
      const keys = store.list();
      if (cli.json) console.log(JSON.stringify(keys.map(({ hash: _hash, sealedToken, ...rest }) => ({ ...rest, hasToken: Boolean(sealedToken) })), null, 2));
      else if (keys.length === 0) console.log(`No keys in ${store.file}. Create one: testio-mcp keys add --user NAME`);
      else
        for (const key of keys) {
          const extra = [key.tools ? `tools=${key.tools.join(',')}` : '', key.toolsets ? `toolsets=${key.toolsets.join(',')}` : '', key.credits !== undefined ? `credits=${key.credits}` : '', key.sealedToken ? 'own-token' : ''].filter(Boolean).join(' ');
          console.log(`${key.id}\t${key.user}\t${key.revokedAt ? `revoked ${key.revokedAt}` : 'active'}\tcreated ${key.createdAt}${extra ? `\t${extra}` : ''}`);
        }
      return 0;
    }
    case 'revoke': {
      if (!arg) throw new ConfigError('keys revoke needs the KEY_ID (see testio-mcp keys list).');
      const record = store.revoke(arg);
      if (!record) {
        console.error(`testio-mcp: no key ${arg} in ${store.file}. See testio-mcp keys list.`);
        return 1;
      }
      console.log(`Revoked ${record.id} (user "${record.user}").`);
      return 0;
    }
    default:
      throw new ConfigError(`keys needs an action: add, list or revoke (got ${JSON.stringify(action ?? '')}).`);
  }
}
