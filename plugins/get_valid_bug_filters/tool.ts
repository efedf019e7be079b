import { z } from 'zod';
import { bugFilterCatalog, markdownTable } from '../../src/kit/testio.js';
import { defineTool } from '../../src/kit/tool.js';

const values = z.array(z.object({ value: z.string(), meaning: z.string() }));

export default defineTool({
  name: 'get_valid_bug_filters',
  title: 'List the valid TestIO bug filters',
  description: `Lists every value get_test_bugs accepts for bug_type, severity and status, each with a one-line meaning, and how they combine.

Use this tool when you need to:
- turn a question such as "which UI bugs were turned down?" into get_test_bugs filters
- explain what auto-accepted or forwarded means to a user

Limits: static reference, no API call.

Example: "What bug statuses can I filter by?"`,
  inputSchema: {},
  outputSchema: { bug_types: values, severities: values, statuses: values, notes: z.array(z.string()) },
  toolset: 'testio',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: () => bugFilterCatalog(),
  render: (out) => {
    const block = (title: string, param: string, rows: { value: string; meaning: string }[]) =>
      `### ${title} (\`${param}\`)\n${markdownTable(['Value', 'Meaning'], rows.map((r) => [`\`${r.value}\``, r.meaning]))}`;
    return [
      '## Bug filters for get_test_bugs',
      '',
      block('Bug types', 'bug_type', out.bug_types),
      '',
      block('Severities', 'severity', out.severities),
      '',
      block('Statuses', 'status', out.statuses),
      '',
      ...out.notes.map((note) => `- ${note}`),
    ].join('\n');
  },
});
