import { plainDate } from "../calendar/format-dates.js";
import { addDays } from "../calendar/iso-date.js";
import { message } from "../templates/template-store.js";

/** "2022年1月31日 因……": a month past the deadline, as an example of the answer's shape. */
export function extensionExample(deadline: string): string {
  return message("workflow", "extensionExample", { date: plainDate(addDays(deadline, 31)) });
}
