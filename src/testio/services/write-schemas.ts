/**
 * Result schemas of the TestIO write tools. Every answer says where the change stands (`status`),
 * what it is (`summary`, the changes or the preview) and, once applied, the new state read back
 * from the API. A preview without elicitation carries the one-time `confirmation` token.
 */
import { z } from 'zod';
import { testDetailsSchema } from './schemas.js';

export const WRITE_STATUSES = ['confirmation_required', 'declined', 'cancelled', 'applied', 'partially_applied', 'failed', 'unchanged'] as const;
export type WriteStatus = (typeof WRITE_STATUSES)[number];

const decisionFields = {
  status: z
    .enum(WRITE_STATUSES)
    .describe('confirmation_required: nothing changed yet, call again with `confirmation`; declined/cancelled: nothing changed; applied / partially_applied / failed: see results; unchanged: it already was so'),
  summary: z.string().describe('What will change, or what changed'),
  confirmation: z.string().optional().describe('One-time token (5 minutes): call the tool again with the same arguments plus this to apply the change'),
  expires_at: z.string().optional().describe('When the confirmation token expires (ISO 8601)'),
};

/** A bug as it stands after a change. */
export const bugStateSchema = z.object({
  id: z.number().int(),
  title: z.string().nullable(),
  status: z.string(),
  known: z.boolean(),
  fixed: z.boolean(),
  export_status: z.string().nullable(),
  exported_at: z.string().nullable(),
  reject_reason: z.string().nullable(),
  test_id: z.number().int().nullable(),
});

export const bugChangeSchema = z.object({
  bug_id: z.number().int(),
  title: z.string().nullable(),
  from: z.string().nullable().describe('The current state (null when the bug was not found)'),
  to: z.string().describe('The state after the change'),
  problem: z.string().optional().describe('Why this bug cannot get the change; it is skipped, the others still apply'),
});

export const bugResultSchema = z.object({
  bug_id: z.number().int(),
  ok: z.boolean(),
  error: z.string().optional(),
  bug: bugStateSchema.optional().describe('The bug read back from the API after the change'),
});

export const bugWriteOutput = {
  ...decisionFields,
  changes: z.array(bugChangeSchema),
  results: z.array(bugResultSchema).optional().describe('Per bug, once applied: some may fail while the rest apply'),
  applied_count: z.number().int(),
  failed_count: z.number().int(),
};

/** What a new or launched test will be: schedule and the fields that drive its cost. */
export const testPreviewSchema = z.object({
  test_id: z.number().int().nullable().describe('Null for a test not created yet'),
  product: z.object({ id: z.number().int(), name: z.string().nullable() }).nullable(),
  title: z.string(),
  status_from: z.string().nullable(),
  status_to: z.string(),
  testing_type: z.string().nullable(),
  start_at: z.string().nullable(),
  end_at: z.string().nullable(),
  duration_hours: z.number().nullable(),
  features: z.array(z.string()).describe('Feature ids or titles in scope'),
  test_template_id: z.number().int().nullable(),
  test_environment: z.string().nullable(),
});

export const testWriteOutput = {
  ...decisionFields,
  preview: testPreviewSchema,
  test: testDetailsSchema.optional().describe('The test read back from the API after the change'),
};

export type BugState = z.infer<typeof bugStateSchema>;
export type BugChange = z.infer<typeof bugChangeSchema>;
export type BugResult = z.infer<typeof bugResultSchema>;
export type BugWriteResult = z.infer<z.ZodObject<typeof bugWriteOutput>>;
export type TestPreview = z.infer<typeof testPreviewSchema>;
export type TestWriteResult = z.infer<z.ZodObject<typeof testWriteOutput>>;
