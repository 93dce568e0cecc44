import { messages } from "../../templates/template-store.js";
import { type ArgResult, accept, reject } from "./arg-result.js";
import { type DateOptions, readDate } from "./read-date.js";

const m = messages("commands");

export interface DateRange {
  /** YYYY-MM-DD, both days included. */
  from: string;
  to: string;
  /** True when a year was not written and the reader chose it. */
  yearChosen: boolean;
}

/** Between the two dates: 4月6日-4月10日, 4月6日至4月10日, 4月6日到10日, 4/6~4/10. */
const SEPARATOR = /至|到|-|~|—|–/g;
/** "至4月10日": from today. */
const UNTIL = /^(?:至|到|直到|截至)/;

/**
 * Two dates (readDate's spellings) joined by 至, 到, -, ~ or —, spaces allowed: "4月6日-4月10日",
 * "4月6日 至 4月10日", "2021-04-06至2021-04-10". The end may leave out what the start gave: "4月6日至
 * 10日" (same month), "12月28日至1月3日" (the next year). "至4月10日" runs from today; one date alone
 * is that one day. Refused: an end before the start, and anything not two dates.
 */
export function readDateRange(written: string, options: Omit<DateOptions, "after">): ArgResult<DateRange> {
  const text = written.normalize("NFKC").replace(/\s+/g, "");
  const until = UNTIL.exec(text);
  if (until) {
    const end = readDate(text.slice(until[0].length), { ...options, after: options.today });
    return end.ok ? ordered(options.today, end.value.date, end.value.yearChosen, written) : end;
  }
  for (const separator of text.matchAll(SEPARATOR)) {
    const start = readDate(text.slice(0, separator.index), options);
    if (!start.ok) continue;
    const rest = text.slice(separator.index + separator[0].length);
    const end = readDate(rest, { ...options, after: start.value.date });
    if (end.ok) {
      const yearChosen = start.value.yearChosen || end.value.yearChosen;
      return ordered(start.value.date, end.value.date, yearChosen, written);
    }
  }
  const single = readDate(text, options);
  if (single.ok) return ordered(single.value.date, single.value.date, single.value.yearChosen, written);
  return reject("bad-range", m("argBadRange", { written }));
}

function ordered(from: string, to: string, yearChosen: boolean, written: string): ArgResult<DateRange> {
  return to < from
    ? reject("reversed-range", m("argReversedRange", { written }))
    : accept({ from, to, yearChosen });
}
