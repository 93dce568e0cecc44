import { daysInMonth, isoDate } from "../../calendar/iso-date.js";

/** A bulletin's period: a month, a quarter or a year, with its first and last day. */
export interface BulletinPeriod {
  kind: "month" | "quarter" | "year";
  /** As written on the command line and in idempotency keys: 2021-03, 2021-Q1, 2021. */
  key: string;
  year: number;
  /** The month (1–12) or the quarter (1–4); absent for a year. */
  index?: number;
  /** YYYY-MM-DD, both included. */
  start: string;
  end: string;
}

/** 2021-03, 2021-Q1 or 2021 as a period; undefined for anything else. */
export function parsePeriod(text: string): BulletinPeriod | undefined {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return monthPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m) return quarterPeriod(Number(m[1]), Number(m[2]));
  m = /^(\d{4})$/.exec(text);
  if (m) return yearPeriod(Number(m[1]));
  return undefined;
}

function monthPeriod(year: number, month: number): BulletinPeriod {
  return {
    kind: "month",
    key: `${year}-${String(month).padStart(2, "0")}`,
    year,
    index: month,
    start: isoDate(year, month, 1),
    end: isoDate(year, month, daysInMonth(year, month)),
  };
}

function quarterPeriod(year: number, quarter: number): BulletinPeriod {
  const last = quarter * 3;
  return {
    kind: "quarter",
    key: `${year}-Q${quarter}`,
    year,
    index: quarter,
    start: isoDate(year, last - 2, 1),
    end: isoDate(year, last, daysInMonth(year, last)),
  };
}

function yearPeriod(year: number): BulletinPeriod {
  return { kind: "year", key: String(year), year, start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

/** The period of the same kind just before `period` (2021-Q1 → 2020-Q4). */
export function previousPeriod(period: BulletinPeriod): BulletinPeriod {
  const { year, index = 1 } = period;
  if (period.kind === "month") return index === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, index - 1);
  if (period.kind === "quarter")
    return index === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, index - 1);
  return yearPeriod(year - 1);
}

/** The month or quarter that contains `date`. */
export function periodOf(kind: "month" | "quarter", date: string): BulletinPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return kind === "month" ? monthPeriod(year, month) : quarterPeriod(year, Math.ceil(month / 3));
}

/**
 * The day a bulletin is judged on: the period's last day, or `today` while the period is not
 * over (the document then says 截至 today). Undefined for a period that has not begun.
 */
export function judgedOn(period: BulletinPeriod, today: string): string | undefined {
  if (today < period.start) return undefined;
  return today < period.end ? today : period.end;
}
