import { plainDate } from "../../calendar/format-dates.js";
import { messages } from "../../templates/template-store.js";
import { classView, joinList, oneDecimal, periodInWords } from "./bulletin-words.js";
import type { Bulletin } from "./collect-bulletin.js";
import type { OnTimeRank } from "./rank-units.js";

const m = messages("bulletin");
/** Units named at each end of the on-time ranking. */
const NAMED = 3;

/**
 * The bulletin in a few lines for a chat: the period, the five counts with their percentages, the
 * three units first and last by on-time reporting, and how many things are overdue. The admins'
 * copy adds how to write the .docx draft.
 */
export function bulletinSummary(bulletin: Bulletin, options: { forAdmins: boolean }): string {
  const { ranked } = bulletin.onTime;
  const top = ranked.slice(0, NAMED);
  // The last three, none of them also among the first (a short ranking is not named twice).
  const bottom = ranked.slice(Math.max(top.length, ranked.length - NAMED)).reverse();
  const reports = bulletin.overdue.filter((item) => item.kind === "report").length;
  const text = m("summary", {
    ...classView(bulletin),
    period: periodInWords(bulletin.period),
    date: plainDate(bulletin.date),
    top: names(top),
    bottom: names(bottom),
    // A ranking whose best unit has 0% names nobody worth naming: say so instead.
    anyOnTime: ranked.some((u) => u.rate > 0),
    overdueItems: bulletin.overdue.length,
    overdueReports: reports,
    overdueDeadlines: bulletin.overdue.length - reports,
  });
  return options.forAdmins ? `${text}\n${m("summaryForAdmins", { key: bulletin.period.key })}` : text;
}

function names(units: readonly OnTimeRank[]): string {
  if (units.length === 0) return m("summaryNoRank");
  return joinList(units.map((u) => m("summaryRank", { unit: u.unit, rate: oneDecimal(u.rate * 100) })));
}
