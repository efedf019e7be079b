/** Builds wire-shaped exploratory tests from the plan. */
import type { CatalogEntry } from './catalog.js';
import { isoWithOffset } from './dates.js';
import type { Random } from './random.js';
import type { TestPlan } from './test-plan.js';
import { testRecord, toTestFeature } from './test-record.js';
import type { ExploratoryTest, Feature, Section, TestFeature, TestStatus } from './types.js';

/** Markdown to the plain text the API sends in the `_text` fields. */
/** The section a test runs in and the features it can cover there. */
export function sectionAndFeatures(entry: CatalogEntry, rng: Random): { section: Section; features: Feature[] } {
  const { product, catalog } = entry;
  if (product.sections.length === 0) {
    return { section: { id: product.default_section_id, name: 'Default' }, features: catalog.features };
  }
  const section = rng.pick(product.sections);
  const ids = new Set(catalog.section_features[String(section.id)] ?? []);
  return { section: { ...section }, features: catalog.features.filter((f) => ids.has(f.id)) };
}

function goalFor(plan: TestPlan, features: TestFeature[]): string {
  const names = features.map((f) => `**${f.title}**`).join(', ');
  switch (plan.testingType) {
    case 'usability':
      return `Find out where real users get stuck in ${names} and report usability issues with suggestions.`;
    case 'rapid':
      return `Quick check that ${names} still work after the latest deployment. Critical and high bugs only.`;
    case 'focused':
      return `Test ${names} in depth, including edge cases and error handling.`;
    default:
      return `Find functional, visual and content bugs in ${names} before the release goes live.`;
  }
}

function instructionsFor(entry: CatalogEntry, features: TestFeature[]): string {
  const lines = [
    '## How to test',
    `- Use the test account from the test environment description (${entry.spec.name}).`,
    ...features.map((f) => `- **${f.title}**: ${f.howtofind}`),
    '- Attach a screenshot or screen recording to every bug report.',
    '- Report each problem once; check the known bugs list first.',
  ];
  return lines.join('\n');
}

const OUT_OF_SCOPE = [
  '- Load and performance testing\n- Security and penetration testing',
  '- Third-party payment pages\n- Marketing pages and the blog',
  '- Translations other than English and German',
];

export interface BuiltTest {
  test: ExploratoryTest;
  /** Product features the test covers (for bug generation). */
  features: Feature[];
}

export function buildTest(plan: TestPlan, id: number, status: TestStatus, rng: Random, nextTestFeatureId: () => number): BuiltTest {
  const { entry } = plan;
  const { section, features: available } = sectionAndFeatures(entry, rng);
  const chosen = rng.sample(available, rng.int(Math.min(2, available.length), Math.min(5, available.length)));
  const testFeatures: TestFeature[] = chosen.map((f) => toTestFeature(f, nextTestFeatureId()));
  const goal = goalFor(plan, testFeatures);
  const instructions = instructionsFor(entry, testFeatures);
  const outOfScope = rng.pick(OUT_OF_SCOPE);
  const owner = rng.pick(entry.spec.owners);
  const environment = rng.chance(0.85) ? entry.catalog.test_environments[0]! : entry.catalog.test_environments[1]!;
  const onlySevere = plan.testingType === 'rapid';

  const test = testRecord({
    id,
    title: plan.title,
    status,
    testingType: plan.testingType,
    goal,
    instructions,
    outOfScope,
    start: plan.startAt,
    hours: plan.hours,
    createdAt: isoWithOffset(plan.createdAt),
    createdBy: owner,
    submittedBy: status === 'initialized' ? null : owner,
    enableLow: !onlySevere,
    reportLanguage: 'en',
    reviewStatus: status === 'initialized' ? 'waiting_for_review' : 'review_successful',
    environment: { ...environment },
    features: testFeatures,
    product: entry.product,
    section,
  });
  return { test, features: chosen };
}
