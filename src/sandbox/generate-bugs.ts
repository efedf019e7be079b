/**
 * Bug reports for one test cycle. Statuses follow the reported date the way a real account ages:
 * bugs under ten days old may still be forwarded (open); older ones were reviewed or
 * auto-accepted. Overall mix ≈ 51% accepted, 20% auto-accepted, 26% rejected, 3% forwarded.
 */
import type { CatalogEntry } from './catalog.js';
import { GENERIC_BUG_TEMPLATES } from './content/bug-templates.js';
import { devicesFor, toBugDevice } from './content/devices.js';
import { REJECT_REASONS, REVIEWERS, TESTERS } from './content/people.js';
import type { BugTemplate, FeatureSpec } from './content/products.js';
import { addHours, DAY_MS, HOUR_MS, isoWithOffset } from './dates.js';
import type { Random } from './random.js';
import type { TestPlan } from './test-plan.js';
import type { Bug, BugSeverity, BugStatus, ExploratoryTest, Feature, RejectReasonKey } from './types.js';

const AUTO_ACCEPT_AFTER_DAYS = 10;

interface Verdict {
  status: BugStatus;
  autoAccepted: boolean;
}

interface BugDraft extends Verdict {
  reportedAt: Date;
  severity?: BugSeverity;
  known: boolean;
}

export interface BugContext {
  plan: TestPlan;
  test: ExploratoryTest;
  features: Feature[];
  anchor: Date;
}

function verdictFor(rng: Random, ageDays: number, testOpen: boolean): Verdict {
  if (ageDays < AUTO_ACCEPT_AFTER_DAYS) {
    const status = testOpen
      ? rng.weighted<BugStatus>([['forwarded', 40], ['accepted', 35], ['rejected', 25]])
      : rng.weighted<BugStatus>([['accepted', 65], ['rejected', 35]]);
    return { status, autoAccepted: false };
  }
  const pick = rng.weighted<'accepted' | 'auto' | 'rejected'>([['accepted', 52], ['auto', 21], ['rejected', 27]]);
  return pick === 'auto' ? { status: 'accepted', autoAccepted: true } : { status: pick, autoAccepted: false };
}

function reportTimes(rng: Random, ctx: BugContext, count: number): Date[] {
  const start = ctx.plan.startAt.getTime();
  const end = Math.min(addHours(ctx.plan.startAt, ctx.plan.hours).getTime(), ctx.anchor.getTime() - HOUR_MS);
  const span = Math.max(end - start, HOUR_MS);
  // Evenly spread with jitter, so long tests have bugs from every week.
  return Array.from({ length: count }, (_, i) => new Date(start + Math.floor(((i + rng.next()) / count) * span)));
}

function autoDrafts(rng: Random, ctx: BugContext): BugDraft[] {
  const testOpen = ctx.test.status === 'running' || ctx.test.status === 'locked';
  return reportTimes(rng, ctx, ctx.plan.bugCount).map((reportedAt) => ({
    reportedAt,
    known: rng.chance(0.07),
    ...verdictFor(rng, (ctx.anchor.getTime() - reportedAt.getTime()) / DAY_MS, testOpen),
  }));
}

/** Test 109363: every severity and every customer status, at a fixed count of each. */
function deckDrafts(rng: Random, ctx: BugContext): BugDraft[] {
  const severities = rng.shuffle<BugSeverity>([
    ...Array<BugSeverity>(6).fill('low'), ...Array<BugSeverity>(7).fill('high'), ...Array<BugSeverity>(3).fill('critical'),
    ...Array<BugSeverity>(6).fill('visual'), ...Array<BugSeverity>(4).fill('content'), ...Array<BugSeverity>(2).fill('custom'),
  ]);
  const times = reportTimes(rng, ctx, severities.length);
  const drafts: BugDraft[] = times.map((reportedAt, i) => ({ reportedAt, severity: severities[i], known: false, status: 'accepted', autoAccepted: false }));
  // The newest three still wait for review; five old enough were auto-accepted; the rest reviewed.
  drafts.slice(-3).forEach((d) => (d.status = 'forwarded'));
  const oldEnough = drafts.filter((d) => ctx.anchor.getTime() - d.reportedAt.getTime() > AUTO_ACCEPT_AFTER_DAYS * DAY_MS);
  rng.sample(oldEnough, 5).forEach((d) => (d.autoAccepted = true));
  const reviewable = drafts.filter((d) => d.status !== 'forwarded' && !d.autoAccepted);
  rng.sample(reviewable, 7).forEach((d) => (d.status = 'rejected'));
  rng.sample(drafts, 3).forEach((d) => (d.known = true));
  return drafts;
}

function allowedSeverities(ctx: BugContext): BugSeverity[] {
  if (ctx.plan.testingType === 'rapid') return ['high', 'critical'];
  if (ctx.plan.testingType === 'usability') return ['custom', 'visual', 'content', 'low'];
  const all: BugSeverity[] = ['high', 'critical', 'visual', 'content', 'custom'];
  return ctx.test.enable_low ? [...all, 'low'] : all;
}

// Generic templates filtered once per platform and severity set: thousands of bugs reuse a few lists.
const genericCache = new Map<string, BugTemplate[]>();
function genericTemplates(platform: 'web' | 'app', severities: BugSeverity[]): BugTemplate[] {
  const key = `${platform}:${severities.join(',')}`;
  let list = genericCache.get(key);
  if (!list) {
    list = GENERIC_BUG_TEMPLATES.filter((t) => severities.includes(t.severity) && (t.platform ?? platform) === platform);
    genericCache.set(key, list);
  }
  return list;
}

function pickTemplate(rng: Random, spec: FeatureSpec | undefined, platform: 'web' | 'app', allowed: BugSeverity[], severity?: BugSeverity): BugTemplate {
  const severities = severity ? [severity] : allowed;
  const specific = spec?.bugs?.filter((t) => severities.includes(t.severity)) ?? [];
  if (specific.length > 0 && rng.chance(0.5)) return rng.pick(specific);
  return rng.pick(genericTemplates(platform, severities));
}

function externalPrefix(productName: string): string {
  return productName.split(/\s+/).map((w) => w[0]).join('').toUpperCase().slice(0, 4);
}

export function buildBugsForTest(ctx: BugContext, rng: Random): Bug[] {
  if (ctx.plan.bugCount === 0 || ctx.test.status === 'initialized' || ctx.test.status === 'cancelled') return [];
  const { entry } = ctx.plan;
  const drafts = ctx.plan.bugProfile === 'all-statuses-deck' ? deckDrafts(rng, ctx) : autoDrafts(rng, ctx);
  const testers = rng.sample(TESTERS, Math.min(TESTERS.length, 4 + Math.ceil(drafts.length / 2)));
  const devices = devicesFor(entry.product.type);
  const allowed = allowedSeverities(ctx);
  return drafts.map((draft) => buildBug(rng, ctx, entry, draft, testers, devices, allowed));
}

function buildBug(
  rng: Random,
  ctx: BugContext,
  entry: CatalogEntry,
  draft: BugDraft,
  testers: string[],
  devices: ReturnType<typeof devicesFor>,
  allowed: BugSeverity[],
): Bug {
  const feature = rng.pick(ctx.features);
  const spec = entry.spec.features.find((f) => f.title === feature.title);
  const isWeb = entry.spec.baseUrl.startsWith('https://');
  const template = pickTemplate(rng, spec, isWeb ? 'web' : 'app', allowed, draft.severity);
  const path = spec?.path ?? '/';
  const location = isWeb ? `${entry.spec.baseUrl}${path}` : path;
  const where = isWeb ? `the ${feature.title} page` : `the ${path} screen`;
  const title = template.title.replace('{feature}', feature.title).replace('{where}', where);
  const reportedAt = isoWithOffset(draft.reportedAt);
  const ageMs = ctx.anchor.getTime() - draft.reportedAt.getTime();

  let rejectReason: RejectReasonKey | null = null;
  let rejectComment: string | null = null;
  if (draft.status === 'rejected') {
    const reason = draft.known
      ? REJECT_REASONS.find((r) => r.key === 'known_bug')!
      : rng.weighted(REJECT_REASONS.map((r) => [r, r.key === 'not_reproducible' || r.key === 'intended_behavior' ? 4 : 1] as const));
    rejectReason = reason.key;
    rejectComment = rng.chance(0.6) ? reason.default_comment : `${reason.default_comment} See ticket in our tracker.`;
  }

  let exportStatus: Bug['export_status'] = 'not_exported';
  let exportedAt: string | null = null;
  let externalIdx: string | null = null;
  if (draft.status === 'accepted' && !draft.autoAccepted && ageMs > 2 * DAY_MS) {
    const roll = rng.next();
    if (roll < 0.3) {
      exportStatus = 'exported';
      exportedAt = isoWithOffset(new Date(draft.reportedAt.getTime() + Math.min(ageMs - HOUR_MS, rng.int(1, 5) * DAY_MS)));
      externalIdx = `${externalPrefix(entry.product.name)}-${rng.int(1000, 9999)}`;
    } else if (roll < 0.36) {
      exportStatus = 'export_requested';
    }
  }

  const comments: Bug['comments'] = [];
  const commentAt = (hours: number) => isoWithOffset(new Date(Math.min(draft.reportedAt.getTime() + hours * HOUR_MS, ctx.anchor.getTime() - 60_000)));
  if (draft.status === 'rejected' && rejectComment) {
    comments.push({ id: 0, body: rejectComment, author: { name: rng.pick(REVIEWERS) }, created_at: commentAt(rng.int(2, 48)) });
  } else if (draft.status === 'accepted' && !draft.autoAccepted && rng.chance(0.15)) {
    comments.push({ id: 0, body: 'Thanks, confirmed. We created a ticket for the team.', author: { name: rng.pick(REVIEWERS) }, created_at: commentAt(rng.int(2, 48)) });
  } else if (draft.status === 'forwarded' && rng.chance(0.3)) {
    comments.push({ id: 0, body: 'Reproduced again today with the same steps.', author: { name: rng.pick(testers) }, created_at: commentAt(rng.int(1, 12)) });
  }

  const stepsOpen = isWeb ? `Open ${location}` : `Open the app and go to ${path}`;
  return {
    id: 0,
    title,
    severity: template.severity,
    status: draft.status,
    auto_accepted: draft.autoAccepted,
    known: draft.known,
    fixed: exportStatus === 'exported' && rng.chance(0.5),
    language: 'en',
    location,
    expected_result: template.expected,
    actual_result: template.actual,
    steps: [stepsOpen, ...template.actions],
    author: { name: rng.pick(testers) },
    test: { id: ctx.test.id, title: ctx.test.test_title },
    feature: { id: feature.id, title: feature.title },
    product: { id: entry.product.id, name: entry.product.name },
    section: ctx.test.section,
    devices: [toBugDevice(rng.pick(devices))],
    comments,
    attachments: Array.from({ length: rng.int(1, 2) }, () => ({ id: 0, url: '' })),
    export_status: exportStatus,
    exported_at: exportedAt,
    external_idx: externalIdx,
    reject_reason: rejectReason,
    reject_comment: rejectComment,
    reported_at: reportedAt,
  };
}
