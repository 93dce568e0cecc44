import { daysInMonth, isIsoDate, isoDate } from "../calendar/iso-date.js";

export type ExtensionReply =
  | { kind: "extension"; newDeadline: string; reason: string }
  | { kind: "question"; code: "no-date" | "no-reason" };

/** Dates as contacts write them; the year may be left out ("1月31日"), and 月底 means the last day. */
const FULL_DATE = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?/;
const MONTH_DAY = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/;
const MONTH_END = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:底|末)/;
const YEAR_END = /(\d{4})\s*年\s*(?:底|末)/;
/** Words around the date that are not the reason. */
const FILLER =
  /^(申请)?(延期|延长|推迟|顺延)?(至|到)?(之前|前)?[\s，,。：:；;]*(原因|理由|因为|由于)?[\s，,。：:；;]*/;

/**
 * The answer to "请回复新的完成时限和延期理由": a date in any usual spelling and the reason, which
 * is what remains once the date and filler words are taken out. `today` fixes the year of a date
 * written without one (the next such date on or after today).
 */
export function parseExtensionReply(text: string, today: string): ExtensionReply {
  const found = findDate(text, today);
  if (!found) return { kind: "question", code: "no-date" };
  const before = text.slice(0, found.start).replace(/(申请)?(延期|延长|推迟|顺延)?(至|到)?\s*$/, "");
  const after = text.slice(found.end).replace(FILLER, "");
  const reason = `${before.trim()} ${after.trim()}`.trim().replace(/^[\s，,。：:；;]+|[\s，,；;]+$/g, "");
  if (reason.replace(/[^\u4e00-\u9fffA-Za-z]/g, "").length < 2)
    return { kind: "question", code: "no-reason" };
  return { kind: "extension", newDeadline: found.date, reason };
}

function findDate(text: string, today: string): { date: string; start: number; end: number } | undefined {
  const thisYear = Number(today.slice(0, 4));
  const at = (m: RegExpExecArray, date: string) =>
    isIsoDate(date) ? { date, start: m.index, end: m.index + m[0].length } : undefined;
  let m = FULL_DATE.exec(text);
  if (m) return at(m, isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m = MONTH_END.exec(text);
  if (m) {
    const month = Number(m[2]);
    const year = m[1] ? Number(m[1]) : nextYearFor(thisYear, month, daysInMonth(thisYear, month), today);
    return month >= 1 && month <= 12 ? at(m, isoDate(year, month, daysInMonth(year, month))) : undefined;
  }
  m = YEAR_END.exec(text);
  if (m) return at(m, isoDate(Number(m[1]), 12, 31));
  m = MONTH_DAY.exec(text);
  if (m) {
    const [month, day] = [Number(m[1]), Number(m[2])];
    return at(m, isoDate(nextYearFor(thisYear, month, day, today), month, day));
  }
  return undefined;
}

/** The year in which month/day next comes, on or after today. */
function nextYearFor(year: number, month: number, day: number, today: string): number {
  return isoDate(year, month, day) >= today ? year : year + 1;
}
