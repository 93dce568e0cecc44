import { message } from "../templates/template-store.js";
import type { TaskReading } from "./parse-notice.js";

/** How a task was read, one line per field, worded from templates/import/rules.yaml. */
export function describeReading(reading: TaskReading, ref?: string): string[] {
  const { rules } = reading;
  const line = (field: string, rule: string | undefined) =>
    rule === undefined
      ? []
      : [message("import/rules", `${field}.${rule}`, { no: reading.no, ref: ref ?? "" })];
  return [
    ...line("number", rules.number),
    ...line("leaders", rules.leaders),
    ...line("hosts", rules.hosts),
    ...line("deadline", rules.deadline),
  ];
}
