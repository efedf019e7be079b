/** UTC calendar arithmetic the date parser needs; pure, no time zone but UTC. */

export const DAY_MS = 86_400_000;

export function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Last millisecond of the day, so an end date includes the whole day. */
export function endOfDay(d: Date): Date {
  return new Date(startOfDay(d).getTime() + DAY_MS - 1);
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY_MS);
}

/** Calendar months; the day is clamped so Mar 31 minus one month is Feb 28/29. */
export function addMonths(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
}

/** ISO weeks start on Monday. */
export function startOfWeek(d: Date): Date {
  const day = startOfDay(d);
  const offset = (day.getUTCDay() + 6) % 7;
  return addDays(day, -offset);
}

export function startOfMonth(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function startOfQuarter(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1));
}

export function startOfYear(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
}

/** The instant just before `next`, for inclusive period ends. */
export function justBefore(next: Date): Date {
  return new Date(next.getTime() - 1);
}

/** A real calendar date (rejects 2024-02-30) or undefined. */
export function utcDate(year: number, month1: number, day: number): Date | undefined {
  const d = new Date(Date.UTC(year, month1 - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month1 - 1 || d.getUTCDate() !== day) return undefined;
  return d;
}
