/**
 * `testio-mcp sandbox`: the sandbox Customer API alone. stdout gets exactly the two lines a
 * shell or .env can use; everything else goes to stderr.
 */
import type { ParsedCli } from '../args.js';
import { sandboxOptions } from '../sandbox-options.js';

export async function runSandbox(cli: ParsedCli): Promise<void> {
  const { startSandbox } = await import('../../sandbox/index.js');
  const sandbox = await startSandbox(sandboxOptions(cli.sandboxFlags));
  console.log(`TESTIO_CUSTOMER_API_BASE_URL=${sandbox.baseUrl}`);
  console.log(`TESTIO_CUSTOMER_API_TOKEN=${sandbox.token}`);
  console.error(`Sandbox Customer API listening on ${sandbox.url} (demo site: ${sandbox.url}/demo/). Press Ctrl+C to stop.`);
  const stop = () => {
    void sandbox.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
