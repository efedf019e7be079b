import { z } from 'zod';
import { productIdParam, renderTestWrite, START_AT_FORMS, TESTING_TYPES, testWriteOutput, writeCall } from '../../src/kit/testio.js';
import { confirmationParam, defineTool, idParam } from '../../src/kit/tool.js';

const text = (what: string, max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).describe(what);
const newFeature = z.object({
  title: text('Feature title', 200),
  description: z.string().max(2000).optional(),
  howtofind: z.string().max(2000).optional().describe('How testers find the feature'),
}).strict();

export default defineTool({
  name: 'create_exploratory_test',
  title: 'Create a TestIO exploratory test',
  description: `Creates an exploratory test (test cycle) for a product in TestIO, after the user confirms. Shows the schedule (start, end, duration) and the fields that drive the cost (testing type, features in scope, environment) first; asks by elicitation when the client supports it, otherwise answers with that preview and a one-time "confirmation" token, and only a second call with the token (and the same arguments) creates it. The test is created "initialized": launch it with launch_exploratory_test.

Use this tool when you need to:
- set up a new test cycle for a release, a feature or a bug fix
- schedule a test for a date ("tomorrow", "in 3 days", "2030-05-01T09:00:00Z")

Limits: give either features (ids or new features) or test_template_id; start_at must not be in the past. Answers with the test read back from TestIO.

Example: "Create a rapid 24-hour test of checkout on product 25073 starting tomorrow."`,
  inputSchema: {
    product_id: productIdParam(),
    title: text('Test title', 200),
    goal: text('What the test should find out', 5000),
    instructions: text('What testers should do', 20000),
    out_of_scope: z.string().max(5000).optional().describe('What testers should leave alone'),
    start_at: z.string().min(1, 'must not be empty').max(100).describe(`When testing starts. Accepts ${START_AT_FORMS.join('; ')}.`),
    duration_hours: z.number().positive('must be more than 0 hours').max(720, 'must be at most 720 hours (30 days)').describe('How long the test runs, in hours, e.g. 24.'),
    testing_type: z.enum(TESTING_TYPES).default('coverage').describe('coverage (default), usability, rapid or focused.'),
    features: z
      .array(z.union([idParam('An existing feature id'), newFeature]))
      .min(1, 'needs at least one feature')
      .max(50, 'accepts at most 50 features')
      .optional()
      .describe('Features in scope: existing feature ids or new features {title, description, howtofind}. Or give test_template_id instead.'),
    test_template_id: idParam('A test template of the product, instead of features.').optional(),
    test_environment: z
      .union([idParam('An existing test environment id of the product'), z.object({ title: text('Environment title', 200), url: z.string().url('must be a URL such as https://staging.example.com') }).strict()])
      .describe('Where testers test: an existing environment id, or {title, url} for a new one.'),
    confirmation: confirmationParam(),
  },
  outputSchema: testWriteOutput,
  toolset: 'testio-write',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  handler: (args, ctx) => {
    const { confirmation: _token, ...input } = args;
    return ctx.testWriteService.create(input, writeCall(args, ctx));
  },
  render: renderTestWrite,
});
