import { z } from 'zod';
import { bugSummarySchema, MAX_REPORT_TESTS, renderStatusReport, reportFormatParam, reportTestSchema, STATUS_REPORT_VIEW, statusReportPictures, testIdsParam } from '../../src/kit/testio.js';
import { defineTool } from '../../src/kit/tool.js';

const n = z.number().int();

export default defineTool({
  name: 'generate_status_report',
  title: 'Generate a TestIO status report',
  description: `Writes an executive status report across several exploratory tests: a roll-up table (status, bugs, critical/high/low, acceptance and auto-acceptance rates, open bugs) with totals, then one short section per test. Tests load concurrently with progress notifications; a test that fails to load is listed as failed while the others still report.

Use this tool when you need to:
- brief a stakeholder on several tests at once
- compare tests' bug counts and triage rates side by side
- get the same report as plain text or JSON for another tool

Limits: 1-${MAX_REPORT_TESTS} tests per report; the structured result is the same whatever the format.

Example: "Write a status report for tests 109363 and 109364 in markdown."`,
  inputSchema: { test_ids: testIdsParam(), format: reportFormatParam() },
  outputSchema: {
    generated_at: z.string(),
    tests_requested: n,
    tests_reported: n,
    tests_failed: n,
    totals: bugSummarySchema.describe('All reported tests together; rates recomputed from the summed counts'),
    tests_by_status: z.record(n),
    entries: z.array(
      z.discriminatedUnion('outcome', [
        z.object({ test_id: n, outcome: z.literal('ok'), test: reportTestSchema, bugs: bugSummarySchema }),
        z.object({ test_id: n, outcome: z.literal('failed'), error: z.string() }),
      ]),
    ),
  },
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: (args, ctx) => ctx.statusReportService.build(args.test_ids, ctx.progress, ctx.signal),
  render: (out, args) => renderStatusReport(out, args.format),
  pictures: (out) => statusReportPictures(out),
  app: STATUS_REPORT_VIEW.uri,
});
