#!/usr/bin/env node
/**
 * testio-mcp entry point. Exit codes: 0 ok, 1 a tool answered with an error, 2 bad usage or config.
 */
import { ConfigError } from '../platform/config.js';
import { packageVersion } from '../platform/package-info.js';
import { helpText, parseCli } from './args.js';
import { prepareRuntime } from './runtime.js';

async function main(argv: string[]): Promise<number | undefined> {
  const cli = parseCli(argv);
  if (cli.version) {
    console.log(packageVersion());
    return 0;
  }
  switch (cli.command) {
    case 'help':
      console.log(helpText(packageVersion()));
      return 0;
    case 'sandbox':
      // Commands load on demand: --help, --version and the sandbox never load the server.
      await (await import('./commands/sandbox.js')).runSandbox(cli);
      return undefined; // keeps running until a signal
    case 'tools':
      return (await import('./commands/tools.js')).listTools(await prepareRuntime(cli, { quietByDefault: true }), cli.json);
    case 'call':
      return (await import('./commands/call.js')).callTool(await prepareRuntime(cli, { quietByDefault: true }), cli.positionals, cli.json);
    case 'worker':
      await (await import('./commands/worker.js')).runWorker(await prepareRuntime(cli));
      return undefined; // works until a signal
    case 'keys':
      return (await import('./commands/keys.js')).keysCommand(cli);
    case 'serve':
      if (cli.http) {
        await (await import('./commands/serve-http.js')).serveHttp(await prepareRuntime(cli), cli);
        return undefined; // serves until a signal
      }
      await (await import('./commands/serve.js')).serve(await prepareRuntime(cli));
      return undefined; // serves until stdin closes or a signal arrives
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      console.error(`testio-mcp: ${error.message}`);
      process.exit(2);
    }
    console.error(`testio-mcp: ${(error as Error)?.message ?? String(error)}`);
    process.exit(2);
  },
);
