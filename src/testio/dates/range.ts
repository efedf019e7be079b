/** A start/end parameter pair → one checked UTC range. */
import { UserInputError } from '../../platform/errors.js';
import { parseDateExpression } from './parse.js';

export interface DateRange {
  start: Date;
  end: Date;
}

/**
 * With no end date, a period start ("Q4 2024", "last month") covers its own period and a point
 * start ("2024-10-01", "since …") runs until now.
 */
export function resolveDateRange(
  startText: string,
  endText: string | undefined,
  now: Date,
  names: { start: string; end: string } = { start: 'start_date', end: 'end_date' },
): DateRange {
  const from = parseDateExpression(startText, now, names.start);
  const start = from.start;
  let end: Date;
  if (endText === undefined || endText.trim() === '') {
    end = from.openEnded ? new Date(Math.max(now.getTime(), from.end.getTime())) : from.end;
  } else {
    end = parseDateExpression(endText, now, names.end).end;
  }
  if (end.getTime() < start.getTime()) {
    throw new UserInputError(
      names.end,
      `${names.end} (${end.toISOString().slice(0, 10)}) is before ${names.start} (${start.toISOString().slice(0, 10)}).`,
      `Swap them or pick a later ${names.end}.`,
    );
  }
  return { start, end };
}
