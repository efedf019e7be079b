/** start_date / end_date → an inclusive UTC period, through the same date parser as every TestIO tool. */
import { UserInputError } from '../../platform/errors.js';
import { resolveDateRange } from '../../testio/dates/index.js';
import type { Period } from './schemas.js';

export function periodOf(start: string | undefined, end: string | undefined, now: Date = new Date()): Period {
  if (start === undefined || start.trim() === '') {
    if (end !== undefined && end.trim() !== '') throw new UserInputError('start_date', 'end_date needs a start_date.', 'Add start_date (e.g. "2024-10-01" or "last 30 days"), or drop end_date for all time.');
    return null;
  }
  const range = resolveDateRange(start, end, now);
  return { start: range.start.toISOString(), end: range.end.toISOString() };
}
