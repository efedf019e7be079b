/**
 * Natural-language and ISO dates → a UTC period. Pure: `now` is passed in so tests are exact.
 * A period says where it starts and ends; `openEnded` marks forms ("2024-10-01", "since …",
 * "3 months ago") that, used as a start with no end date, mean "until now".
 *
 * The rules (README, "Dates"): nothing runs past now. "last/past N days|weeks" is exactly
 * N × 24 h (N × 7 × 24 h) ending now; "last/past N months|years" goes back N calendar months
 * (years) to the same clock time. "N units ago" is that instant. "today" and "this
 * week|month|quarter|year" start at the period's start and end now; `periodEnd` keeps where the
 * calendar period would end, so a tool can list what is scheduled later in it, apart.
 */
import { UserInputError } from '../../platform/errors.js';
import {
  addDays,
  addMonths,
  endOfDay,
  justBefore,
  startOfDay,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
  startOfYear,
  utcDate,
} from './calendar.js';

export interface DatePeriod {
  start: Date;
  end: Date;
  openEnded: boolean;
  /** What the form means, for the answer's `resolved` label ("30 × 24 h ending now"). */
  meaning: string;
  /** For open-ended forms: the starting point, as in "from <from> until now". */
  from?: string;
  /** Where the calendar period ends when `end` was cut at now ("this month", "today"). */
  periodEnd?: Date;
}

/** Shown in every date error so the caller can pick a form that works. */
export const ACCEPTED_DATE_FORMS = [
  'YYYY-MM-DD',
  'ISO datetime (2024-10-01T09:00:00Z)',
  'YYYY-MM',
  'YYYY',
  'today',
  'yesterday',
  'last/past N days|weeks|months|years',
  'this week|month|quarter|year',
  'last week|month|quarter|year',
  'year to date',
  'Q1-Q4 YYYY',
  'since YYYY-MM-DD',
  'N days|weeks|months|years ago',
] as const;

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

function periodStart(unit: Unit, d: Date): Date {
  switch (unit) {
    case 'day':
      return startOfDay(d);
    case 'week':
      return startOfWeek(d);
    case 'month':
      return startOfMonth(d);
    case 'quarter':
      return startOfQuarter(d);
    case 'year':
      return startOfYear(d);
  }
}

function shift(unit: Unit, d: Date, n: number): Date {
  switch (unit) {
    case 'day':
      return addDays(d, n);
    case 'week':
      return addDays(d, 7 * n);
    case 'month':
      return addMonths(d, n);
    case 'quarter':
      return addMonths(d, 3 * n);
    case 'year':
      return addMonths(d, 12 * n);
  }
}

/** The whole calendar period `offset` periods away from the one containing `now`. */
function calendarPeriod(unit: Unit, now: Date, offset: number, meaning = `the whole ${unit}`): DatePeriod {
  const start = shift(unit, periodStart(unit, now), offset);
  return { start, end: justBefore(shift(unit, start, 1)), openEnded: false, meaning };
}

/** The current period, up to now: what has happened so far. */
function periodSoFar(unit: Unit, now: Date, meaning: string): DatePeriod {
  const whole = calendarPeriod(unit, now, 0);
  return { start: whole.start, end: now, openEnded: false, meaning, periodEnd: whole.end };
}

/** "last 30 days": back N units from now, to the same instant; days and weeks are N × 24 h. */
function rollingWindow(unit: Unit, n: number, now: Date): DatePeriod {
  const span = unit === 'day' ? `${n} × 24 h` : unit === 'week' ? `${n} × 7 × 24 h` : `${n} calendar ${unit}${n === 1 ? '' : 's'}`;
  return { start: shift(unit, now, -n), end: now, openEnded: false, meaning: `${span} ending now` };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[t ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(z|[+-]\d{2}:?\d{2})?$/;
const AMBIGUOUS = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/;

function parseIso(text: string): DatePeriod | undefined {
  const day = ISO_DAY.exec(text);
  if (day) {
    const d = utcDate(Number(day[1]), Number(day[2]), Number(day[3]));
    return d && { start: d, end: endOfDay(d), openEnded: true, meaning: 'that UTC day', from: 'the start of that UTC day' };
  }
  const dt = ISO_DATETIME.exec(text);
  if (dt) {
    if (!utcDate(Number(dt[1]), Number(dt[2]), Number(dt[3]))) return undefined;
    // A datetime without a zone is read as UTC, like every other date here.
    const normalised = text.toUpperCase().replace(' ', 'T') + (dt[7] ? '' : 'Z');
    const ms = Date.parse(normalised);
    if (Number.isNaN(ms)) return undefined;
    return { start: new Date(ms), end: new Date(ms), openEnded: true, meaning: 'that instant', from: 'that instant' };
  }
  return undefined;
}

function singular(word: string): Unit | undefined {
  const unit = word.replace(/s$/, '');
  return (['day', 'week', 'month', 'quarter', 'year'] as const).find((u) => u === unit);
}

function parseRelative(text: string, now: Date): DatePeriod | undefined {
  if (text === 'today') return periodSoFar('day', now, 'today so far, until now');
  if (text === 'yesterday') return calendarPeriod('day', now, -1);
  if (text === 'now') return { start: now, end: now, openEnded: true, meaning: 'now', from: 'now' };
  if (/^(year to date|year-to-date|ytd)$/.test(text)) return { start: startOfYear(now), end: now, openEnded: false, meaning: 'the year so far, until now' };
  if (/^(month to date|month-to-date|mtd)$/.test(text)) return { start: startOfMonth(now), end: now, openEnded: false, meaning: 'the month so far, until now' };

  const rolling = /^(?:last|past) (\d{1,4}) (days?|weeks?|months?|years?)$/.exec(text);
  if (rolling) {
    const n = Number(rolling[1]);
    const unit = singular(rolling[2]);
    if (!unit || n < 1) return undefined;
    return rollingWindow(unit, n, now);
  }
  // "3 months ago" is that instant: as a start date it runs until now, like "past 3 months".
  const ago = /^(\d{1,4}) (days?|weeks?|months?|years?) ago$/.exec(text);
  if (ago) {
    const unit = singular(ago[2]);
    if (!unit) return undefined;
    const at = shift(unit, now, -Number(ago[1]));
    const meaning = `${ago[1]} ${ago[2]} before now`;
    return { start: at, end: at, openEnded: true, meaning, from: meaning };
  }
  // "past week" reads as a rolling window; "last week" as the previous calendar week.
  const past = /^past (day|week|month|quarter|year)$/.exec(text);
  if (past) return rollingWindow(past[1] as Unit, 1, now);
  const named = /^(this|last|previous|current) (week|month|quarter|year)$/.exec(text);
  if (named) {
    const unit = named[2] as Unit;
    return named[1] === 'this' || named[1] === 'current' ? periodSoFar(unit, now, `this ${unit} so far, until now`) : calendarPeriod(unit, now, -1, `the whole previous calendar ${unit}`);
  }

  const qFirst = /^q([1-4])[ -]?(\d{4})$/.exec(text);
  const yFirst = /^(\d{4})[ -]?q([1-4])$/.exec(text);
  if (qFirst || yFirst) {
    const q = Number(qFirst ? qFirst[1] : yFirst![2]);
    const year = Number(qFirst ? qFirst[2] : yFirst![1]);
    return calendarPeriod('quarter', new Date(Date.UTC(year, (q - 1) * 3, 1)), 0);
  }
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  if (month) {
    const d = utcDate(Number(month[1]), Number(month[2]), 1);
    return d && calendarPeriod('month', d, 0);
  }
  const year = /^(\d{4})$/.exec(text);
  if (year) return calendarPeriod('year', new Date(Date.UTC(Number(year[1]), 0, 1)), 0);
  return undefined;
}

/** Parses one date parameter; throws a UserInputError naming `parameter` when it cannot. */
export function parseDateExpression(input: string, now: Date, parameter: string): DatePeriod {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const forms = `Accepted forms: ${ACCEPTED_DATE_FORMS.join('; ')}.`;
  if (text === '') throw new UserInputError(parameter, `${parameter} is empty.`, forms);
  if (AMBIGUOUS.test(text)) {
    throw new UserInputError(parameter, `${parameter} "${input}" is ambiguous (day and month order differ by region).`, `Write it as YYYY-MM-DD. ${forms}`);
  }
  const since = /^(?:since|from|after) (.+)$/.exec(text);
  if (since) {
    const from = parseIso(since[1]) ?? parseRelative(since[1], now);
    if (!from) throw new UserInputError(parameter, `${parameter} "${input}": cannot read the date after "since".`, forms);
    return { start: from.start, end: now, openEnded: true, meaning: `from the start of ${since[1]} until now`, from: `the start of ${since[1]}` };
  }
  const period = parseIso(text) ?? parseRelative(text, now);
  if (!period) throw new UserInputError(parameter, `${parameter} "${input}" is not a date I understand.`, forms);
  return period;
}
