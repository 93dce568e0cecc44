import type { DecisionKey } from "../cards/card-actions.js";
import { openPrompt } from "../conversation/open-prompt.js";
import type { Turn } from "../conversation/turn.js";
import type { CardInstance } from "../store/card-instance.js";
import { message, messages } from "../templates/template-store.js";
import { answerDecided } from "./answer-decided.js";
import { applyDecision } from "./apply-decision.js";
import { loadTaskContext } from "./load-task-context.js";
import { refuse } from "./refuse.js";

const m = messages("workflow");
/** Which buttons each kind of request has (render-decision-card.ts). */
const BUTTONS: Record<"completion" | "extension", readonly string[]> = {
  completion: ["approve", "return"] satisfies DecisionKey[],
  extension: ["approve", "reject"] satisfies DecisionKey[],
};

/**
 * A click on a decision card. Only the office's admins decide; 批准 and 不予批准 take effect at
 * once, 退回 first asks for the reason (a prompt; returnRequest finishes it).
 */
export async function decideRequest(turn: Turn, card: CardInstance, actionKey: string): Promise<void> {
  if (turn.person.role !== "admin")
    return refuse(turn, "refusedNotAdmin", { taskNo: card.taskNo, unit: card.unit });
  const request = card.requestId ? await turn.deps.store.requests.get(card.requestId) : undefined;
  if (!request) return turn.answer(m("requestUnknown"));
  // A reopening has no card: the office made it, decided.
  if (request.kind === "reopening") return turn.answer(m("requestUnknown"));
  if (!BUTTONS[request.kind].includes(actionKey)) return turn.answer(m("wrongButton"));
  if (request.status !== "pending") return answerDecided(turn, request);
  const context = await loadTaskContext(turn.deps.store, turn.deps.directory, request.taskNo);
  if (!context) return turn.answer(message("progress", "unknownTask", { taskNo: request.taskNo }));
  if (actionKey === "return") {
    const validFor = await openPrompt(turn, {
      kind: "return-reason",
      taskNo: request.taskNo,
      unit: request.unit,
      keySuffix: request.id,
      data: { requestId: request.id },
    });
    return turn.answer(m("promptReturnReason", { taskNo: request.taskNo, unit: request.unit, validFor }));
  }
  await applyDecision(turn, context, request, {
    decision: actionKey === "approve" ? "approved" : "rejected",
  });
}
