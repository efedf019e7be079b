/**
 * The start of a new test: an instant, from an ISO date-time, a date phrase the date parser reads
 * ("2030-05-01" is that day's start, UTC), or a few forward-looking forms a scheduler needs
 * ("now", "tomorrow", "in 3 days", "in 2 hours", "next week|month"). Pure: `now` is passed in.
 */
import { UserInputError } from '../../platform/errors.js';
import { addDays, addMonths, startOfDay, startOfMonth, startOfWeek } from './calendar.js';
import { ACCEPTED_DATE_FORMS, parseDateExpression } from './parse.js';

export const START_AT_FORMS = ['now', 'tomorrow', 'in N hours|days|weeks', 'next week|month', ...ACCEPTED_DATE_FORMS] as const;

/** A start this far in the past is still "now" (the time it takes to confirm). */
const PAST_GRACE_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

function forward(text: string, now: Date): Date | undefined {
  if (text === 'now') return now;
  if (text === 'tomorrow') return addDays(startOfDay(now), 1);
  const inN = /^in (\d{1,3}) (hour|day|week)s?$/.exec(text);
  if (inN) {
    const n = Number(inN[1]);
    return inN[2] === 'hour' ? new Date(now.getTime() + n * HOUR_MS) : addDays(now, inN[2] === 'week' ? 7 * n : n);
  }
  if (text === 'next week') return addDays(startOfWeek(now), 7);
  if (text === 'next month') return addMonths(startOfMonth(now), 1);
  return undefined;
}

/** The start instant, or a UserInputError naming `parameter`; a start in the past is refused. */
export function parseStartAt(input: string, now: Date, parameter = 'start_at'): Date {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  let start = forward(text, now);
  if (!start) {
    try {
      start = parseDateExpression(input, now, parameter).start;
    } catch (error) {
      if (error instanceof UserInputError) throw new UserInputError(parameter, `"${parameter}" "${input}" is not a start date I understand.`, `Accepted forms: ${START_AT_FORMS.join('; ')}.`);
      throw error;
    }
  }
  if (start.getTime() < now.getTime() - PAST_GRACE_MS) {
    throw new UserInputError(parameter, `"${parameter}" "${input}" is ${start.toISOString()}, in the past; a new test starts now or later.`, 'Use a future date such as "tomorrow" or 2030-05-01T09:00:00Z.');
  }
  return start;
}
