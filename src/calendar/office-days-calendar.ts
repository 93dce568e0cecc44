import type { CalendarConfig } from "./calendar-config.js";
import { createChineseDaysCalendar } from "./chinese-days-calendar.js";
import type { WorkCalendar } from "./work-calendar.js";

/** A day the office set in chat (/calendar add): a local day off, or a local working day. */
export interface OfficeDay {
  date: string;
  working: boolean;
  note?: string;
}

/** A working-day calendar that also follows the office's days, which may change while it runs. */
export interface OfficeDaysCalendar extends WorkCalendar {
  /** Reads the office's days now; once it resolves, every answer counts them. */
  refresh(): Promise<void>;
}

export interface OfficeDaysOptions {
  /** The calendar for a set of office days (the official arrangement, the config, these days). */
  build(days: readonly OfficeDay[]): WorkCalendar;
  /** Reads the office's days (from the store). */
  load(): Promise<readonly OfficeDay[]>;
  /**
   * How long the days read may serve before a call reads them again, in the background; default
   * one minute. Another instance's change is followed within it; this instance's own at once
   * (the command that changes them calls `refresh`).
   */
  maxAgeMs?: number;
  /** Told when a background read fails; the days read before stay in force. */
  onError?(error: unknown): void;
  /** Monotonic milliseconds; injected by tests. */
  monotonicMs?(): number;
}

/**
 * The WorkCalendar every part of the service shares, over the office's days from the store: each
 * answer comes from a calendar built for the days last read, rebuilt only when they change (a
 * build memoises its answers, and the sweep asks about the same days for every task). The
 * calendar stays synchronous: a call that finds the days older than `maxAgeMs` starts a read and
 * answers with what it has.
 */
export function createOfficeDaysCalendar(options: OfficeDaysOptions): OfficeDaysCalendar {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  let signature = "[]";
  let current = options.build([]);
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;

  const refresh = async (): Promise<void> => {
    const started = monotonicMs();
    const days = [...(await options.load())].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const next = JSON.stringify(days);
    if (next !== signature) {
      current = options.build(days);
      signature = next;
    }
    readAt = started;
  };
  const fresh = (): WorkCalendar => {
    if (reading === undefined && monotonicMs() - readAt > maxAgeMs)
      reading = refresh()
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          reading = undefined;
        });
    return current;
  };

  return {
    refresh,
    isWorkingDay: (date) => fresh().isWorkingDay(date),
    nextWorkingDay: (date) => fresh().nextWorkingDay(date),
    previousWorkingDay: (date) => fresh().previousWorkingDay(date),
    onOrBefore: (date) => fresh().onOrBefore(date),
    addWorkingDays: (date, n) => fresh().addWorkingDays(date, n),
    workingDaysBetween: (from, to) => fresh().workingDaysBetween(from, to),
    dayInfo: (date) => fresh().dayInfo(date),
    coverage: (year) => fresh().coverage(year),
    snapshot: () => fresh(),
  };
}

/**
 * The config's overrides with the office's days on top: a day the office set replaces what the
 * config says of it (the office's is the later word), so a date is in one list only.
 */
export function withOfficeDays(config: CalendarConfig, days: readonly OfficeDay[]): CalendarConfig {
  const set = new Set(days.map((d) => d.date));
  const entry = (d: OfficeDay) => (d.note === undefined ? { date: d.date } : { date: d.date, note: d.note });
  return {
    closedDays: [
      ...config.closedDays.filter((d) => !set.has(d.date)),
      ...days.filter((d) => !d.working).map(entry),
    ],
    extraWorkingDays: [
      ...config.extraWorkingDays.filter((d) => !set.has(d.date)),
      ...days.filter((d) => d.working).map(entry),
    ],
  };
}

/**
 * The service's calendar: the official arrangement (chinese-days), the config's overrides, and the
 * office's days (`load`: from the store) on top. Call `refresh` once before use, so the first
 * answers count the office's days.
 */
export function createOfficeCalendar(input: {
  load(): Promise<readonly OfficeDay[]>;
  config: CalendarConfig;
  onFallbackYear?: (year: number) => void;
  onError?: (error: unknown) => void;
}): OfficeDaysCalendar {
  return createOfficeDaysCalendar({
    build: (days) =>
      createChineseDaysCalendar({
        overrides: withOfficeDays(input.config, days),
        ...(input.onFallbackYear ? { onFallbackYear: input.onFallbackYear } : {}),
      }),
    load: input.load,
    ...(input.onError ? { onError: input.onError } : {}),
  });
}
