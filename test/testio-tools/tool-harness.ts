/**
 * The platform harness against a sandbox, for the TestIO tool tests; fails loudly when one of
 * the TestIO plugins did not load, instead of letting a test meet "Unknown tool".
 */
import { startHarness, type Harness } from '../helpers/harness.js';

export const TESTIO_TOOLS = [
  'clear_cache',
  'generate_status_report',
  'get_cache_stats',
  'get_test_activity_by_timeframe',
  'get_test_bugs',
  'get_test_status',
  'get_valid_bug_filters',
  'health_check',
  'list_products',
  'list_tests',
] as const;

/** The write tools (served with TESTIO_WRITE_TOOLS=true). */
export const TESTIO_WRITE_TOOLS = [
  'accept_bug',
  'create_exploratory_test',
  'launch_exploratory_test',
  'mark_bug_exported',
  'mark_bug_fixed',
  'mark_bug_known',
  'reject_bug',
] as const;

export async function startToolHarness(options: Parameters<typeof startHarness>[0] = { sandbox: true }): Promise<Harness> {
  const h = await startHarness(options);
  const missing = [...TESTIO_TOOLS, ...TESTIO_WRITE_TOOLS].filter((name) => h.app.failures.some((f) => f.file.includes(`/plugins/${name}/`)));
  if (missing.length > 0) {
    await h.close();
    throw new Error(`TestIO plugins failed to load: ${h.app.failures.map((f) => `${f.file}: ${f.reason}`).join('; ')}`);
  }
  return h;
}

/** The structured result, typed for the test. */
export function structured<T>(result: { structuredContent?: unknown; isError?: boolean }, text = ''): T {
  if (result.isError) throw new Error(`expected a result, got an error: ${text}`);
  return result.structuredContent as T;
}
