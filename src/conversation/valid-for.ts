import { message } from "../templates/template-store.js";

/** How long a prompt waits, in words: 720 → "12小时", 90 → "90分钟". */
export function validFor(minutes: number): string {
  return minutes % 60 === 0
    ? message("progress", "validForHours", { hours: minutes / 60 })
    : message("progress", "validForMinutes", { minutes });
}
