/**
 * create_exploratory_test and launch_exploratory_test: a preview of the schedule and the fields that
 * drive the cost, a confirmation, the write, and the test read back from the API.
 */
import { UserInputError } from '../../platform/errors.js';
import { parseStartAt } from '../dates/start-at.js';
import type { ExploratoryTest } from '../data/schemas.js';
import type { TestioWriteApi } from '../data/write-api.js';
import type { AnnounceChange } from '../data/write-events.js';
import type { TestioReadApi } from './api-port.js';
import { describeTest } from './test-status-service.js';
import { auditNotConfirmed, notConfirmed, type WriteCall } from './write-call.js';
import type { TestPreview, TestWriteResult } from './write-schemas.js';

export const TESTING_TYPES = ['coverage', 'usability', 'rapid', 'focused'] as const;
export type TestingType = (typeof TESTING_TYPES)[number];

export type FeatureInput = number | { title: string; description?: string; howtofind?: string };
export type EnvironmentInput = number | { title: string; url: string };

export interface NewTest {
  product_id: number;
  title: string;
  goal: string;
  instructions: string;
  out_of_scope?: string;
  start_at: string;
  duration_hours: number;
  testing_type: TestingType;
  features?: FeatureInput[];
  test_template_id?: number;
  test_environment: EnvironmentInput;
}

const HOUR_MS = 3_600_000;

const featureLabel = (f: FeatureInput) => (typeof f === 'number' ? `feature ${f}` : `new feature "${f.title}"`);
const environmentLabel = (e: EnvironmentInput) => (typeof e === 'number' ? `environment ${e}` : `${e.title} (${e.url})`);

function previewLines(preview: TestPreview, heading: string): string {
  return [
    heading,
    `- title: ${preview.title}`,
    `- product: ${preview.product ? `${preview.product.name ?? ''} (${preview.product.id})`.trim() : '—'}`,
    `- status: ${preview.status_from ?? 'new'} → ${preview.status_to}`,
    `- testing type: ${preview.testing_type ?? '—'}`,
    `- schedule: ${preview.start_at ?? '—'} → ${preview.end_at ?? '—'} (${preview.duration_hours ?? '?'} h)`,
    `- scope: ${preview.test_template_id ? `template ${preview.test_template_id}` : preview.features.join(', ') || '—'}`,
    `- environment: ${preview.test_environment ?? '—'}`,
  ].join('\n');
}

export class TestWriteService {
  private readonly reads: TestioReadApi;
  private readonly writes: TestioWriteApi;
  private readonly announce: AnnounceChange;

  constructor({ testioApi, testioWrites, announceChange }: { testioApi: TestioReadApi; testioWrites: TestioWriteApi; announceChange: AnnounceChange }) {
    this.reads = testioApi;
    this.writes = testioWrites;
    this.announce = announceChange;
  }

  async create(input: NewTest, call: WriteCall, now = new Date()): Promise<TestWriteResult> {
    await call.checked;
    const hasFeatures = input.features !== undefined && input.features.length > 0;
    if (hasFeatures === (input.test_template_id !== undefined)) {
      throw new UserInputError('features', 'Give either "features" (ids or new features) or "test_template_id", exactly one of them.', 'list_features or the product in TestIO shows the feature ids.');
    }
    const start = parseStartAt(input.start_at, now);
    const end = new Date(start.getTime() + input.duration_hours * HOUR_MS);
    const product = await this.reads.getProduct(input.product_id, call.signal);
    const preview: TestPreview = {
      test_id: null,
      product: { id: product.id, name: product.name },
      title: input.title,
      status_from: null,
      status_to: 'initialized',
      testing_type: input.testing_type,
      start_at: start.toISOString(),
      end_at: end.toISOString(),
      duration_hours: input.duration_hours,
      features: (input.features ?? []).map(featureLabel),
      test_template_id: input.test_template_id ?? null,
      test_environment: environmentLabel(input.test_environment),
    };
    const summary = previewLines(preview, `Create an exploratory test (launch it afterwards with launch_exploratory_test):`);
    const target = `product ${product.id}`;
    const decision = await call.confirmation.confirm({ args: call.args, token: call.token, summary });
    if (decision.outcome !== 'confirmed') {
      auditNotConfirmed(call, decision, [target]);
      return { ...notConfirmed(decision, summary), preview };
    }
    const body: Record<string, unknown> = {
      test_title: input.title,
      goal: input.goal,
      instructions: input.instructions,
      out_of_scope: input.out_of_scope ?? '',
      start_at: preview.start_at,
      duration: String(input.duration_hours),
      testing_type: input.testing_type,
      test_environment: typeof input.test_environment === 'number' ? { id: input.test_environment } : input.test_environment,
      ...(hasFeatures ? { features: input.features!.map((f) => (typeof f === 'number' ? { id: f } : f)) } : { test_template: { id: input.test_template_id } }),
    };
    let created: ExploratoryTest;
    try {
      created = await this.writes.createTest(product.id, body, call.signal);
    } catch (error) {
      call.confirmation.audit({ target, outcome: 'failed', detail: (error as Error).message.slice(0, 200) });
      throw error;
    }
    call.confirmation.audit({ target: created.id, outcome: 'created' });
    const test = await this.writes.getTest(created.id, call.signal);
    await this.announce({ kind: 'test', test });
    return { status: 'applied', summary: `${summary}\nCreated test ${test.id} (status ${test.status}).`, preview: { ...preview, test_id: test.id }, test: describeTest(test, now) };
  }

  async launch(testId: number, call: WriteCall, now = new Date()): Promise<TestWriteResult> {
    await call.checked;
    const test = await this.writes.getTest(testId, call.signal);
    if (test.status !== 'initialized') {
      throw new UserInputError('test_id', `Test ${test.id} is ${test.status}: only an initialized test can be launched, and a launched test cannot be launched again.`, 'get_test_status shows its state; list_tests with statuses ["initialized"] finds tests to launch.');
    }
    // Launching starts it now, or at its planned start when that has already passed (as the API does).
    const start = test.start_at ? new Date(Math.min(now.getTime(), Date.parse(test.start_at))) : now;
    const hours = test.start_at && test.end_at ? (Date.parse(test.end_at) - Date.parse(test.start_at)) / HOUR_MS : null;
    const preview: TestPreview = {
      test_id: test.id,
      product: test.product?.id != null ? { id: test.product.id, name: test.product.name ?? null } : null,
      title: test.title,
      status_from: test.status,
      status_to: 'running',
      testing_type: test.testing_type ?? null,
      start_at: start.toISOString(),
      end_at: hours === null ? null : new Date(start.getTime() + hours * HOUR_MS).toISOString(),
      duration_hours: hours,
      features: (test.features ?? []).map((f) => (f.title ? String(f.title) : `feature ${String(f.feature_id ?? f.id)}`)),
      test_template_id: null,
      test_environment: test.test_environment ? [test.test_environment.title, test.test_environment.url && `(${test.test_environment.url})`].filter(Boolean).join(' ') : null,
    };
    const summary = previewLines(preview, `Launch test ${test.id}: testers start on it (it cannot be launched again or undone through the API):`);
    const decision = await call.confirmation.confirm({ args: call.args, token: call.token, summary });
    if (decision.outcome !== 'confirmed') {
      auditNotConfirmed(call, decision, [test.id]);
      return { ...notConfirmed(decision, summary), preview };
    }
    try {
      await this.writes.launchTest(test, call.signal);
    } catch (error) {
      call.confirmation.audit({ target: test.id, outcome: 'failed', detail: (error as Error).message.slice(0, 200) });
      throw error;
    }
    call.confirmation.audit({ target: test.id, outcome: 'launched' });
    const launched = await this.writes.getTest(test.id, call.signal);
    await this.announce({ kind: 'test', test: launched });
    return { status: 'applied', summary: `${summary}\nTest ${launched.id} is ${launched.status}.`, preview, test: describeTest(launched, now) };
  }
}
