import { plainDate } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import { messages } from "../templates/template-store.js";
import type { UnitView } from "../unit-view/unit-view.js";

const m = messages("workflow");

/** Whether the unit may ask for an extension now; if not, the person has been answered. */
export async function mayExtend(turn: Turn, view: UnitView): Promise<boolean> {
  const words = { taskNo: view.task.no, shortTitle: shortTitle(view.task), unit: view.unit };
  if (view.state === "completed") {
    await turn.answer(m("alreadyCompleted", words));
    return false;
  }
  if (turn.date > view.deadline) {
    await turn.deps.store.audit.append({
      at: turn.at,
      actor: turn.person.personId,
      action: "extension.refused",
      taskNo: view.task.no,
      unit: view.unit,
      details: { reason: "after-deadline", deadline: view.deadline, event: turn.event.eventId },
    });
    await turn.answer(m("extensionTooLate", { ...words, deadline: plainDate(view.deadline) }));
    return false;
  }
  const pending = view.requests.find((r) => r.kind === "extension" && r.status === "pending");
  if (pending?.newDeadline) {
    await turn.answer(m("extensionPending", { ...words, newDeadline: plainDate(pending.newDeadline) }));
    return false;
  }
  return true;
}
