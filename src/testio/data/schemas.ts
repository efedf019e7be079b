/**
 * Zod schemas for the Customer API objects the project reads (testio-api.md, "Objects").
 * Unknown fields pass through; only the essentials (id, status, a name or title) are required,
 * so one odd optional field never hides a whole listing.
 */
import { z } from 'zod';

/** Ids arrive as numbers; tolerate numeric strings from older endpoints. */
const Id = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);
const optionalId = Id.nullish();
const text = z.string().nullish();
const bool = z.boolean().nullish();
/** Nested objects we only pass along: any object, fields kept. */
const loose = z.object({}).passthrough();

export const SectionSchema = z.object({ id: Id, name: text }).passthrough();
export type Section = z.infer<typeof SectionSchema>;

const NamedRef = z.object({ id: optionalId, name: text }).passthrough();
const TitledRef = z.object({ id: optionalId, title: text }).passthrough();

const ProductBase = z
  .object({
    id: Id,
    name: text,
    // Create sends `title`; some answers echo it back instead of `name`.
    title: text,
    description: text,
    type: text,
    default_section_id: optionalId,
    sections: z.array(SectionSchema).nullish(),
    sections_with_default: z.array(SectionSchema).nullish(),
  })
  .passthrough();
/** Unknown fields kept (index signature); `name` always set. */
export type Product = z.output<typeof ProductBase> & { name: string };
export const ProductSchema = ProductBase.refine((p) => typeof (p.name ?? p.title) === 'string', {
  message: 'has neither `name` nor `title`',
  path: ['name'],
}).transform((p): Product => ({ ...p, name: (p.name ?? p.title) as string }));

export const TestEnvironmentSchema = z.object({ id: optionalId, title: text, url: text }).passthrough();

export const TestFeatureSchema = z.object({ id: optionalId, feature_id: optionalId, title: text }).passthrough();

export const AnalyticsSchema = z
  .object({
    testers_count: z.number().nullish(),
    devices_count: z.number().nullish(),
    total_features: z.number().nullish(),
    tested_features: z.number().nullish(),
    passed_features: z.number().nullish(),
    failed_features: z.number().nullish(),
    total_bugs: z.number().nullish(),
  })
  .passthrough();
export type TestAnalytics = z.infer<typeof AnalyticsSchema>;

export const TEST_STATUSES = ['initialized', 'running', 'locked', 'customer_finalized', 'archived', 'cancelled'] as const;
/** Tests in these states never change again, so they may stay cached longer. */
export const IMMUTABLE_TEST_STATUSES: readonly string[] = ['archived', 'cancelled'];

const ExploratoryTestBase = z
  .object({
    id: Id,
    test_title: text,
    title: text,
    // A plain string, not an enum: a new upstream status must not break every listing.
    status: z.string(),
    testing_type: text,
    goal: text,
    goal_text: text,
    instructions: text,
    instructions_text: text,
    out_of_scope: text,
    out_of_scope_text: text,
    start_at: text,
    end_at: text,
    created_by: text,
    submitted_by: text,
    enable_low: bool,
    enable_high: bool,
    enable_critical: bool,
    report_language: text,
    review_status: text,
    test_environment: TestEnvironmentSchema.nullish(),
    features: z.array(TestFeatureSchema).nullish(),
    requirements: z.array(loose).nullish(),
    product: z.object({ id: optionalId, name: text }).passthrough().nullish(),
    section: NamedRef.nullish(),
    analytics: AnalyticsSchema.nullish(),
  })
  .passthrough();
/** Unknown fields kept (index signature); `title` and `test_title` always set, to the same value. */
export type ExploratoryTest = z.output<typeof ExploratoryTestBase> & { title: string; test_title: string };
export const ExploratoryTestSchema = ExploratoryTestBase.refine((t) => typeof (t.test_title ?? t.title) === 'string', {
  message: 'has neither `test_title` nor `title`',
  path: ['test_title'],
}).transform((t): ExploratoryTest => {
  const title = (t.test_title ?? t.title) as string;
  return { ...t, title, test_title: title };
});

export const BugDeviceSchema = z
  .object({
    operating_system: NamedRef.nullish(),
    operating_system_version: NamedRef.nullish(),
    device: NamedRef.nullish(),
    browsers: z.array(NamedRef).nullish(),
    category: NamedRef.nullish(),
  })
  .passthrough();

export const BugCommentSchema = z
  .object({ id: optionalId, body: text, author: NamedRef.nullish(), created_at: text })
  .passthrough();

export const BugSchema = z
  .object({
    id: Id,
    title: text,
    severity: text,
    status: z.string(),
    auto_accepted: bool,
    known: bool,
    language: text,
    location: text,
    expected_result: text,
    actual_result: text,
    // The blueprint says array, some docs say string: normalise to lines.
    steps: z
      .union([z.array(z.string()), z.string()])
      .nullish()
      .transform((s) => (s == null ? [] : Array.isArray(s) ? s : s.split(/\r?\n/).filter((line) => line.trim() !== ''))),
    author: NamedRef.nullish(),
    test: TitledRef.nullish(),
    feature: TitledRef.nullish(),
    test_feature: TitledRef.nullish(),
    product: NamedRef.nullish(),
    section: NamedRef.nullish(),
    devices: z.array(BugDeviceSchema).nullish(),
    comments: z.array(BugCommentSchema).nullish(),
    attachments: z.array(z.object({ id: optionalId, url: text }).passthrough()).nullish(),
    exported_at: text,
    external_idx: z.union([z.string(), z.number()]).nullish(),
    reported_at: text,
  })
  .passthrough();
export type Bug = z.infer<typeof BugSchema>;

export const RejectReasonSchema = z.object({ key: z.string(), name: text, default_comment: text }).passthrough();
export type RejectReason = z.infer<typeof RejectReasonSchema>;
