import { businessDate } from "../shared/clock.js";
import { message } from "../templates/template-store.js";

/** "3月24日": the business-time-zone day of an instant, for one-line summaries. */
export function shortDate(instant: string): string {
  const [, month, day] = businessDate(new Date(instant)).split("-").map(Number);
  return message("progress", "shortDate", { month, day });
}
