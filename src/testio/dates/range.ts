/** A start/end parameter pair → one checked UTC range, with a label saying what it resolved to. */
import { UserInputError } from '../../platform/errors.js';
import { parseDateExpression, type DatePeriod } from './parse.js';

export interface DateRange {
  start: Date;
  end: Date;
  /** What the phrases resolved to, for every answer: `start_date "last 30 days" → … to … (30 × 24 h ending now)`. */
  resolved: string;
  /**
   * Set when the range was cut at now ("this month", "today"): where the calendar period ends.
   * What falls after `end` up to here has not happened yet; a tool lists it apart, never counts it.
   */
  upcomingUntil?: Date;
}

/** "2025-05-14 15:30:00 UTC". */
export function formatInstant(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const quoted = (name: string, text: string) => `${name} "${text.trim()}"`;

/**
 * With no end date, a period start ("Q4 2024", "last month") covers its own period and a point
 * start ("2024-10-01", "since …", "3 months ago") runs until now (a point in the future: that day).
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
  let resolved: string;
  let cut: DatePeriod = from;
  if (endText === undefined || endText.trim() === '') {
    const untilNow = from.openEnded && start.getTime() <= now.getTime();
    end = untilNow ? now : from.end;
    const meaning = untilNow && from.from && from.meaning !== 'now' ? `from ${from.from} until now` : from.meaning;
    resolved = `${quoted(names.start, startText)} → ${formatInstant(start)} to ${formatInstant(end)} (${meaning})`;
  } else {
    const to = parseDateExpression(endText, now, names.end);
    end = to.end;
    cut = to;
    const endMeaning = to.end.getTime() === now.getTime() ? 'now' : to.start.getTime() === to.end.getTime() ? to.meaning : `end of ${to.meaning}`;
    resolved =
      `${quoted(names.start, startText)} → ${formatInstant(start)} (${from.from ?? `start of ${from.meaning}`}); ` +
      `${quoted(names.end, endText)} → ${formatInstant(end)} (${endMeaning})`;
  }
  if (end.getTime() < start.getTime()) {
    throw new UserInputError(
      names.end,
      `${names.end} (${end.toISOString().slice(0, 10)}) is before ${names.start} (${start.toISOString().slice(0, 10)}).`,
      `Swap them or pick a later ${names.end}.`,
    );
  }
  const upcomingUntil = cut.periodEnd && cut.end.getTime() === end.getTime() ? cut.periodEnd : undefined;
  return { start, end, resolved, ...(upcomingUntil ? { upcomingUntil } : {}) };
}
