/** Compact, chat-sized bug rows: what a person scans in a list, not the whole bug. */
import type { Bug } from './api-port.js';
import { bugStatus, bugType, severityBucket } from './bug-classify.js';
import { timestampMs } from '../dates/timestamp.js';
import { oncePerObject } from '../../platform/once-per-object.js';
import type { BugRow } from './schemas.js';

export type { BugRow };

const MAX_TITLE = 140;

/** "iOS 17.2 · iPhone 15 · Safari (+2 more)" from the first device. */
export function deviceSummary(bug: Pick<Bug, 'devices'>): string | null {
  const devices = bug.devices ?? [];
  const first = devices[0];
  if (!first) return null;
  const os = [first.operating_system?.name, first.operating_system_version?.name].filter(Boolean).join(' ');
  const browsers = (first.browsers ?? []).map((b) => b.name).filter(Boolean).join(', ');
  const parts = [os, first.device?.name ?? first.category?.name, browsers].filter((p): p is string => !!p);
  if (parts.length === 0) return null;
  return parts.join(' · ') + (devices.length > 1 ? ` (+${devices.length - 1} more)` : '');
}

export function toBugRow(bug: Bug): BugRow {
  const title = (bug.title ?? '(untitled)').trim();
  return {
    id: bug.id,
    title: title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE - 1)}…` : title,
    severity: severityBucket(bug),
    bug_type: bugType(bug),
    status: bugStatus(bug),
    known: bug.known === true,
    reported_at: bug.reported_at ?? null,
    device: deviceSummary(bug),
    author: bug.author?.name ?? null,
  };
}

/**
 * toBugRow, made once per bug object (../../platform/once-per-object.ts): every page and status
 * call of a cached test asks for the same rows again; building and measuring them was a tenth of
 * a cached get_test_bugs call.
 */
export const bugRowOf = oncePerObject(toBugRow);

function time(value: string | null | undefined): number {
  const ms = timestampMs(value);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/** Newest first, then by id, so pages are stable between calls. Each date is parsed once, not per comparison. */
export function sortNewestFirst<T extends Pick<Bug, 'id' | 'reported_at'>>(bugs: readonly T[]): T[] {
  return bugs
    .map((bug) => ({ bug, at: time(bug.reported_at) }))
    .sort((a, b) => b.at - a.at || b.bug.id - a.bug.id)
    .map(({ bug }) => bug);
}
