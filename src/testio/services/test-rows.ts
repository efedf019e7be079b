/** Test cycles as the answers show them: a compact row and a timeline. */
import { timestampMs } from '../dates/timestamp.js';
import { oncePerObject } from '../../platform/once-per-object.js';
import type { ExploratoryTest } from './api-port.js';
import type { Ref, TestRow, Timeline } from './schemas.js';

const HOUR_MS = 3_600_000;

export function toTestRow(test: ExploratoryTest): TestRow {
  return {
    id: test.id,
    title: test.title,
    status: test.status,
    testing_type: test.testing_type ?? null,
    start_at: test.start_at ?? null,
    end_at: test.end_at ?? null,
  };
}

/** toTestRow, made once per test object (the cache's tests are read-only; list_tests asks again each call). */
export const testRowOf = oncePerObject(toTestRow);

export function toRef(value: { id?: number | null; name?: string | null } | null | undefined): Ref | null {
  if (!value) return null;
  return { id: value.id ?? null, name: value.name ?? null };
}

function parse(value: string | null | undefined): number | null {
  const ms = timestampMs(value);
  return Number.isNaN(ms) ? null : ms;
}

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 10) / 10;

export type { Timeline };

export function timeline(test: ExploratoryTest, now: Date): Timeline {
  const start = parse(test.start_at);
  const end = parse(test.end_at);
  const running = test.status === 'running';
  return {
    start_at: test.start_at ?? null,
    end_at: test.end_at ?? null,
    duration_hours: start !== null && end !== null ? hours(end - start) : null,
    time_remaining_hours: running && end !== null ? hours(Math.max(0, end - now.getTime())) : null,
  };
}

/** Start or end instant of a test in ms, or null when the field is missing or unreadable. */
export function testTime(test: ExploratoryTest, field: 'start_at' | 'end_at'): number | null {
  return parse(test[field]);
}
