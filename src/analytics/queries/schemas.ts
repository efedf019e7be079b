/**
 * Output shapes of the analytics query layer (zod 3). Tools use them as outputSchema and the
 * queries are typed from them, so an answer cannot drift from what the schema promises.
 */
import { z } from 'zod';
import { bugRowSchema, bugSummarySchema } from '../../testio/services/schemas.js';

const n = z.number().int();
const id = z.number().int();

export const freshnessSchema = z
  .object({
    synced_at: z.string().nullable().describe('When the oldest sync among the products this answer covers finished (ISO 8601 UTC)'),
    age_seconds: n.nullable(),
    note: z.string().describe('e.g. "Synced 4 min ago."'),
  })
  .describe('How fresh the local store is: run sync_data to refresh');

/** A bug across tests and products: the get_test_bugs row plus where it belongs. */
export const listedBugSchema = bugRowSchema.extend({
  product_id: id,
  test_id: id,
  test_title: z.string().nullable(),
  feature_id: id.nullable().describe('Null for a bug reported outside any feature'),
  feature_title: z.string().nullable(),
  reject_reason: z.string().nullable(),
});

export const periodSchema = z
  .object({ start: z.string(), end: z.string() })
  .nullable()
  .describe('The date range applied (ISO 8601 UTC, inclusive), or null for all time');

export const featureRowSchema = z.object({
  id,
  product_id: id,
  title: z.string(),
  user_stories: n,
  tests: n.describe('Tests that list this feature'),
  bugs: n,
  open_bugs: n,
  acceptance_rate: z.number().nullable().describe('0..1, null when the feature has no bugs'),
});

export const userRowSchema = z.object({
  name: z.string(),
  kind: z.enum(['tester', 'customer']),
  bugs_reported: n.describe('Testers: bugs they reported in the period'),
  accepted_bugs: n.describe('Testers: of those, accepted or auto-accepted'),
  tests_created: n.describe('Customers: tests they created or submitted that started in the period'),
  products: n.describe('Products the activity touched'),
  first_activity_at: z.string().nullable(),
  last_activity_at: z.string().nullable(),
});

export const searchHitSchema = z.object({
  kind: z.enum(['product', 'feature', 'test', 'bug']),
  id,
  product_id: id,
  title: z.string(),
  snippet: z.string().describe('The start of the matching text'),
});

export { bugSummarySchema };
export type ListedBug = z.infer<typeof listedBugSchema>;
export type FeatureRow = z.infer<typeof featureRowSchema>;
export type UserRow = z.infer<typeof userRowSchema>;
export type SearchHit = z.infer<typeof searchHitSchema>;
export type Period = z.infer<typeof periodSchema>;

const countsRecord = z.record(n);
const topFeature = z.object({ id: id, title: z.string(), bugs: n });
const topTester = z.object({ name: z.string(), bugs: n });

export const productSummaryOutput = {
  product: z.object({ id, name: z.string(), type: z.string().nullable() }),
  freshness: freshnessSchema,
  period: periodSchema,
  tests: z.object({
    total: n.describe('Tests that started in the period (every test when there is no period)'),
    by_status: countsRecord,
    without_features: n.describe('Tests that list no feature: counted in total all the same'),
  }),
  bugs: bugSummarySchema.describe('Every bug reported in the period, with or without a feature'),
  bugs_by_type: countsRecord,
  reject_reasons: countsRecord.describe('Rejected bugs by reason; "unspecified" when the API gave none'),
  bugs_without_feature: n,
  features: z.object({ total: n, with_bugs: n, top: z.array(topFeature).describe('Up to 5 features with the most bugs') }),
  testers: z.object({ active: n, top: z.array(topTester).describe('Up to 5 testers with the most bugs') }),
};

export const featureSummaryOutput = {
  feature: z.object({ id, title: z.string(), description: z.string().nullable(), product: z.object({ id, name: z.string() }) }),
  freshness: freshnessSchema,
  user_stories: z.array(z.string()).describe('Up to 20 user stories of the feature'),
  user_story_count: n,
  tests: z.object({ total: n.describe('Tests that list this feature'), by_status: countsRecord }),
  bugs: bugSummarySchema.describe('Bugs reported against this feature'),
  reject_reasons: countsRecord,
  testers: n.describe('Testers who reported bugs against it'),
  recent_bugs: z.array(listedBugSchema),
};

export const userSummaryOutput = {
  user: z.object({ name: z.string(), roles: z.array(z.enum(['tester', 'customer'])) }),
  freshness: freshnessSchema,
  period: periodSchema,
  as_tester: z
    .object({
      bugs: bugSummarySchema.describe('Bugs this tester reported'),
      tests: n.describe('Tests they reported bugs in'),
      products: z.array(z.object({ id, name: z.string(), bugs: n })),
      first_bug_at: z.string().nullable(),
      last_bug_at: z.string().nullable(),
    })
    .nullable(),
  as_customer: z
    .object({
      tests: n.describe('Tests they created or submitted'),
      tests_by_status: countsRecord,
      bugs: bugSummarySchema.describe('Bugs found in those tests'),
      first_test_at: z.string().nullable(),
      last_test_at: z.string().nullable(),
    })
    .nullable(),
};

export const bugDetailOutput = {
  bug: listedBugSchema.extend({
    product_name: z.string().nullable(),
    language: z.string().nullable(),
    location: z.string().nullable(),
    exported_at: z.string().nullable(),
    devices: z.array(z.string()).describe('Every device the bug was reported on'),
  }),
  freshness: freshnessSchema,
};

export type ProductSummary = z.infer<z.ZodObject<typeof productSummaryOutput>>;
export type FeatureSummary = z.infer<z.ZodObject<typeof featureSummaryOutput>>;
export type UserSummary = z.infer<z.ZodObject<typeof userSummaryOutput>>;
export type BugDetail = z.infer<z.ZodObject<typeof bugDetailOutput>>;
