/**
 * Output schemas shared by several tools (zod 3). Service results are typed from the same
 * shapes, so a tool's outputSchema cannot drift from what its service returns.
 */
import { z } from 'zod';
import { BUG_STATUSES, BUG_TYPES, SEVERITY_BUCKETS } from './bug-classify.js';

const rate = z.number().nullable().describe('0..1, null when there are no bugs');

export const bugSummarySchema = z.object({
  total: z.number().int(),
  by_severity: z.object({
    critical: z.number().int(),
    high: z.number().int(),
    low: z.number().int(),
    visual: z.number().int(),
    content: z.number().int(),
    custom: z.number().int(),
  }),
  by_status: z.object({
    accepted: z.number().int(),
    auto_accepted: z.number().int(),
    rejected: z.number().int(),
    open: z.number().int(),
  }),
  total_accepted: z.number().int(),
  reviewed: z.number().int(),
  known: z.number().int(),
  rates: z.object({
    acceptance_rate: rate,
    active_acceptance_rate: rate,
    auto_acceptance_rate: rate.describe('auto_accepted / total_accepted; null when nothing is accepted'),
    rejection_rate: rate,
    review_rate: rate,
  }),
  auto_acceptance_flag: z.boolean().describe('true when more than 30% of accepted bugs were auto-accepted'),
});

export const bugRowSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  severity: z.enum(SEVERITY_BUCKETS),
  bug_type: z.enum(BUG_TYPES),
  status: z.enum(BUG_STATUSES),
  known: z.boolean(),
  reported_at: z.string().nullable(),
  device: z.string().nullable(),
  author: z.string().nullable(),
});

export const refSchema = z.object({ id: z.number().int().nullable(), name: z.string().nullable() });

/** One test as list-like answers show it. */
export const testRowSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  testing_type: z.string().nullable(),
  start_at: z.string().nullable(),
  end_at: z.string().nullable(),
});

/** One test in detail (get_test_status). */
export const testDetailsSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  testing_type: z.string().nullable(),
  review_status: z.string().nullable(),
  product: refSchema.nullable(),
  section: refSchema.nullable(),
  goal: z.string().nullable(),
  timeline: z.object({
    start_at: z.string().nullable(),
    end_at: z.string().nullable(),
    duration_hours: z.number().nullable(),
    time_remaining_hours: z.number().nullable().describe('Only while the test is running'),
  }),
});

/** One test in a multi-test report: the row plus what a reader of a summary needs. */
export const reportTestSchema = testRowSchema.extend({
  product: z.string().nullable(),
  time_remaining_hours: z.number().nullable().describe('Only while the test is running'),
});

/** get_test_status: the test, its bug summary, the most recent bugs. */
export const testStatusOutput = { test: testDetailsSchema, bugs: bugSummarySchema, recent_bugs: z.array(bugRowSchema) };

// The services' result types come from these schemas, so a service cannot return what the
// outputSchema would refuse (and nobody writes a type twice).
export type BugSummary = z.infer<typeof bugSummarySchema>;
export type BugRow = z.infer<typeof bugRowSchema>;
export type TestDetails = z.infer<typeof testDetailsSchema>;
export type Timeline = TestDetails['timeline'];
export type TestStatus = z.infer<z.ZodObject<typeof testStatusOutput>>;
export type TestRow = z.infer<typeof testRowSchema>;
export type ReportTest = z.infer<typeof reportTestSchema>;
export type Ref = z.infer<typeof refSchema>;
