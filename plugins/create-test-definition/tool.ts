import { z } from 'zod';
import { createDefinitionOutput, LIMITS, renderCreated } from '../../src/kit/testr.js';
import { defineTool } from '../../src/kit/tool.js';

export default defineTool({
  name: 'create-test-definition',
  title: 'Create a Testr browser test',
  description: `Saves a new Testr browser test that runs in headless Chromium on this machine: either a 'step' test (plain-English steps run in order) or an 'explorer' test (the runner explores the site toward a goal). Returns the new id; nothing runs and no credit is spent until start-test-run.

Use this tool when you need to:
- turn a user flow ("sign up, then see the welcome message") into a repeatable browser test
- check a goal on a site without writing steps (explorer)

Step forms understood: navigate to /path · click the "Sign Up" button · type "ana@example.com" into the email field · select "Pro" from Plan · check "I agree" · press Enter · wait 2 seconds · wait for "Welcome" · verify that "Welcome" is visible · verify the URL contains "/welcome" · verify the Email field has value "x". Every step is checked now; one the runner cannot understand is refused with the forms it accepts.

Limits: http(s) targetUrl only (no credentials, no link-local or cloud-metadata addresses); up to ${LIMITS.steps} steps; explorer tests need explorerPrompt and maxCreditSpend (1 credit per browser action, at most ${LIMITS.maxCreditSpend}).

Example: "Create a test that signs up on http://localhost:3000 and checks the welcome message."`,
  inputSchema: {
    name: z.string().max(LIMITS.name).describe('Short name, e.g. "Sign-up works"'),
    description: z.string().max(LIMITS.description).optional().describe('What the test is for'),
    targetUrl: z.string().max(2048).describe('http(s) URL of the page the test starts on'),
    testType: z.enum(['step', 'explorer']).describe("'step' runs the given steps; 'explorer' explores toward explorerPrompt"),
    steps: z
      .preprocess(
        // Assistants sometimes send the steps as one block of lines; accept that as a list.
        (value) => (typeof value === 'string' ? value.split(/\r?\n/).filter((line) => line.trim() !== '') : value),
        z.array(z.string().max(LIMITS.stepText)).max(LIMITS.steps),
      )
      .optional()
      .describe("For 'step' tests: the steps in order, one action or check each"),
    explorerPrompt: z.string().max(LIMITS.explorerPrompt).optional().describe("For 'explorer' tests: the goal, e.g. 'Subscribe to the newsletter with ana@example.com'"),
    maxCreditSpend: z
      .number({ invalid_type_error: 'must be a whole number of credits, e.g. 10' })
      .int('must be a whole number of credits, e.g. 10')
      .positive('must be at least 1 credit')
      .max(LIMITS.maxCreditSpend, `must be at most ${LIMITS.maxCreditSpend} credits`)
      .optional().describe("For 'explorer' tests: most credits (browser actions) a run may spend"),
  },
  outputSchema: createDefinitionOutput,
  toolset: 'testr',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  handler: (args, ctx) => ctx.testr.createDefinition(args),
  render: (output) => renderCreated(output),
});
