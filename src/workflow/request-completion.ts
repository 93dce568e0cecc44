import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { CardInstance } from "../store/card-instance.js";
import { messages } from "../templates/template-store.js";
import { createRequest } from "./create-request.js";
import { rejectCoUnit } from "./reject-co-unit.js";
import { resolveTask } from "./resolve-task.js";
import { sendDecisionCards } from "./send-decision-cards.js";

const m = messages("workflow");

/**
 * 申请办结 (推进中 → 申请办结): a completion request the office decides on its decision card. It is
 * a request beside the progress history, not a report: the unit's latest progress text and
 * actuals stay what they were. While it waits, the ladder leaves the unit alone
 * (loadReminderWorld); a return (退回) resumes it.
 */
export async function requestCompletion(turn: Turn, card: CardInstance): Promise<void> {
  const resolved = await resolveTask(turn, card.taskNo, card.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  const { task } = context;
  const words = { taskNo: task.no, shortTitle: shortTitle(task), unit };
  if (await rejectCoUnit(turn, context, view)) return;
  if (view.state === "completed") return turn.answer(m("alreadyCompleted", words));
  if (view.state === "completion-requested") return turn.answer(m("completionPending", words));
  const request = await createRequest(
    turn,
    { kind: "completion", taskNo: task.no, unit },
    { cycle: card.cycle },
  );
  await sendDecisionCards(turn, context, request, card.cycle);
  await turn.answer(m("completionSubmitted", words));
}
