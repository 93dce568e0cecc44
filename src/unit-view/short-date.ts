import { businessDate } from "../shared/clock.js";
import { message } from "../templates/template-store.js";

/** "3月24日": the business-time-zone day of an instant, for one-line summaries. */
export function shortDate(instant: string): string {
  const date = businessDate(new Date(instant));
  let words = byDate.get(date);
  if (words === undefined) {
    const [, month, day] = date.split("-").map(Number);
    words = message("progress", "shortDate", { month, day });
    byDate.set(date, words);
  }
  return words;
}

/** Worded once per day: the ledger words a date for each of 10,000 latest reports. */
const byDate = new Map<string, string>();
