/**
 * Calendar dates as `YYYY-MM-DD` strings (already in the business time zone). Arithmetic runs on
 * UTC day numbers, so the host's TZ can never shift a date by one.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * The day numbers of the dates read lately, and the dates of the day numbers written: date
 * arithmetic reads and writes the same few hundred dates over and over (a simulated year: 29,000
 * conversions of 741 dates), and each costs a regular expression or a Date. Bounded: emptied when
 * full, so a stream of odd input cannot grow them.
 */
const dayNumbers = new Map<string, number | undefined>();
const dates = new Map<number, string>();
const KEPT = 4_096;

/** Days since 1970-01-01, or undefined when `date` is not a real `YYYY-MM-DD` date. */
export function dayNumber(date: string): number | undefined {
  const known = dayNumbers.get(date);
  if (known !== undefined || dayNumbers.has(date)) return known;
  const m = ISO_DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  // Date.UTC rolls 2021-02-30 over to 2021-03-02; a round trip catches it.
  const n = m && fromDayNumber(ms / DAY_MS) === date ? ms / DAY_MS : undefined;
  if (dayNumbers.size >= KEPT) dayNumbers.clear();
  dayNumbers.set(date, n);
  return n;
}

export function isIsoDate(value: string): boolean {
  return dayNumber(value) !== undefined;
}

/** The day number of `date`; throws when a caller passes something that is not a date. */
export function assertIsoDate(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return n;
}

export function fromDayNumber(n: number): string {
  let date = dates.get(n);
  if (date === undefined) {
    date = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (dates.size >= KEPT) dates.clear();
    dates.set(n, date);
  }
  return date;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(assertIsoDate(date) + days);
}

/** 1 = Monday … 7 = Sunday (ISO 8601). */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((assertIsoDate(date) + 3) % 7) + 7) % 7) + 1;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The ISO week `date` belongs to, as "2021-W05"; the week's year is the year of its Thursday. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = yearOf(thursday);
  const week = Math.floor((assertIsoDate(thursday) - assertIsoDate(isoDate(year, 1, 1))) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
