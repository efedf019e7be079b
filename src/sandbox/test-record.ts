/**
 * Builds an exploratory test in its wire shape, for the seeded data and for POST
 * /products/{pid}/exploratory_tests alike: the derived fields (plain-text twins of the markdown,
 * end date, duration, both titles, requirements) are computed in one place.
 */
import { requirementsFor } from './content/devices.js';
import { addHours, isoWithOffset } from './dates.js';
import type { ExploratoryTest, Feature, Product, Section, TestEnvironment, TestFeature, TestingType, TestStatus } from './types.js';

export function markdownToText(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`(.+?)`/g, '$1')
    .replace(/^#+\s*/gm, '')
    .replace(/^- /gm, '• ');
}

/** A product feature as a test covers it. */
export function toTestFeature(feature: Feature, id: number): TestFeature {
  return {
    id,
    feature_id: feature.id,
    title: feature.title,
    description: feature.description,
    howtofind: feature.howtofind,
    user_stories: [...feature.user_stories],
  };
}

export interface TestRecordFields {
  id: number;
  title: string;
  status: TestStatus;
  testingType: TestingType;
  goal: string;
  instructions: string;
  outOfScope: string;
  start: Date;
  hours: number;
  createdAt: string;
  createdBy: string | null;
  submittedBy: string | null;
  enableLow: boolean;
  reportLanguage: ExploratoryTest['report_language'];
  reviewStatus: ExploratoryTest['review_status'];
  environment: TestEnvironment;
  features: TestFeature[];
  product: Product;
  section: Section;
}

export function testRecord(f: TestRecordFields): ExploratoryTest {
  return {
    id: f.id,
    test_title: f.title,
    title: f.title,
    status: f.status,
    testing_type: f.testingType,
    goal: f.goal,
    goal_text: markdownToText(f.goal),
    instructions: f.instructions,
    instructions_text: markdownToText(f.instructions),
    out_of_scope: f.outOfScope,
    out_of_scope_text: markdownToText(f.outOfScope),
    start_at: isoWithOffset(f.start),
    end_at: isoWithOffset(addHours(f.start, f.hours)),
    duration: String(f.hours),
    created_at: f.createdAt,
    created_by: f.createdBy,
    submitted_by: f.submittedBy,
    enable_low: f.enableLow,
    enable_high: true,
    enable_critical: true,
    report_language: f.reportLanguage,
    review_status: f.reviewStatus,
    test_environment: f.environment,
    features: f.features,
    requirements: requirementsFor(f.product.type),
    product: f.product,
    section: f.section,
  };
}
