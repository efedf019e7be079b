import { z } from 'zod';
import { counts, MAX_TEST_ROWS, MAX_TEST_ROWS_WITH_BUGS, productIdParam, renderTestRows, testListOutput, testStatusesParam } from '../../src/kit/testio.js';
import { defineTool, plural } from '../../src/kit/tool.js';

export default defineTool({
  name: 'list_tests',
  title: 'List the tests of a TestIO product',
  description: `Lists the exploratory tests (test cycles) of one product, newest first: id, title, status, testing type, start and end — every status by default, or only the statuses asked for — with optional bug counts per test.

Use this tool when you need to:
- find a test id by its title or date
- see which tests of a product are running, locked, finished or cancelled
- compare bug counts across a product's tests (include_bug_counts)

Limits: at most ${MAX_TEST_ROWS} tests per answer, ${MAX_TEST_ROWS_WITH_BUGS} with bug counts (counts by status always cover every matching test); filter with statuses to narrow. Bug counts cost extra API calls.

Example: "Which tests of product 25073 are running right now?"`,
  inputSchema: {
    product_id: productIdParam(),
    statuses: testStatusesParam(),
    include_bug_counts: z.boolean().default(false).describe('Add bug counts (by severity and status) to every test. Default false.'),
  },
  outputSchema: testListOutput,
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.testListService.list(args.product_id, args.statuses, args.include_bug_counts, ctx.signal),
  render: (out) => {
    const filter = out.statuses ? ` with status ${out.statuses.join(' or ')}` : '';
    const bugCells = ({ bugs: b }: (typeof out.tests)[number]) => (b ? [b.total, `${b.critical}/${b.high}/${b.low}`, b.open] : ['—', '—', '—']);
    const withBugs = out.tests.some((t) => t.bugs);
    return [
      `## ${out.product.name} (product ${out.product.id}): ${plural(out.matching_tests, 'test')}${filter}`,
      '',
      `By status: ${counts(out.counts_by_status)}${out.statuses ? ` · ${plural(out.total_tests, 'test')} in all` : ''}`,
      '',
      renderTestRows(out.tests, 'markdown', withBugs ? { headers: ['Bugs', 'Crit/High/Low', 'Open'], cells: bugCells } : undefined),
      ...(out.truncated ? ['', `Showing the newest ${out.returned} of ${out.matching_tests}; pass statuses to narrow the list.`] : []),
    ].join('\n');
  },
});
