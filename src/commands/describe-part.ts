import { cycleInWords } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import type { LightColor } from "../lights/light.js";
import { messages } from "../templates/template-store.js";
import { describeReport } from "../unit-view/describe-report.js";
import type { PartStatus } from "./assess-part.js";
import { dayInWords } from "./when-in-words.js";

const m = messages("commands");

export const COLOR_RANK: Readonly<Record<LightColor, number>> = { green: 0, yellow: 1, red: 2 };

/** The words a unit's part is described with, by /my and /task. */
export function describePart(turn: Turn, part: PartStatus) {
  const { view } = part;
  return {
    role: m(view.role === "host" ? "roleHost" : "roleCo"),
    light: part.light.text,
    state: m(
      view.state === "completed"
        ? "stateCompleted"
        : view.state === "completion-requested"
          ? "stateCompletionRequested"
          : view.state === "awaiting-ack"
            ? "stateAwaitingAck"
            : "stateInProgress",
    ),
    ...(part.next
      ? { next: dayInWords(part.next.due, turn.date), cycle: cycleInWords(part.next.cycle) }
      : { nothingDue: true }),
    deadline: dayInWords(view.deadline, turn.date),
    lastReport: view.latest ? describeReport(view.latest, view.task) : m("notReportedYet"),
  };
}
