import type { Turn } from "../conversation/turn.js";
import type { Prompt } from "../store/prompt.js";
import { message, messages } from "../templates/template-store.js";
import { answerDecided } from "./answer-decided.js";
import { applyDecision } from "./apply-decision.js";
import { loadTaskContext } from "./load-task-context.js";

const m = messages("workflow");

/** The admin's answer to 退回's prompt: the reason, with which the request is returned (退回 → 推进中). */
export async function returnRequest(turn: Turn, prompt: Prompt, text: string): Promise<void> {
  const reason = text.trim();
  if (reason === "") return turn.answer(m("returnReasonEmpty"));
  const data = (prompt.data ?? {}) as { requestId?: unknown };
  const request =
    typeof data.requestId === "string" ? await turn.deps.store.requests.get(data.requestId) : undefined;
  await turn.deps.store.prompts.clear(turn.person.personId, prompt.key);
  if (!request) return turn.answer(m("requestUnknown"));
  if (request.status !== "pending") return answerDecided(turn, request);
  const context = await loadTaskContext(turn.deps.store, turn.deps.directory, request.taskNo);
  if (!context) return turn.answer(message("progress", "unknownTask", { taskNo: request.taskNo }));
  await applyDecision(turn, context, request, { decision: "returned", note: reason });
}
