import { plainDate } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { Prompt } from "../store/prompt.js";
import { messages } from "../templates/template-store.js";
import { createRequest } from "./create-request.js";
import { extensionExample } from "./extension-example.js";
import { mayExtend } from "./may-extend.js";
import { parseExtensionReply } from "./parse-extension-reply.js";
import { resolveTask } from "./resolve-task.js";
import { sendDecisionCards } from "./send-decision-cards.js";

const m = messages("workflow");

/**
 * The answer to 申请延期's prompt: the new date and the reason. An unclear answer is asked about
 * and the prompt stays open; a clear one becomes an extension request for the office's decision
 * card. The deadline is checked again: the prompt may have been answered after it.
 */
export async function submitExtension(turn: Turn, prompt: Prompt, text: string): Promise<void> {
  const resolved = await resolveTask(turn, prompt.taskNo, prompt.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  const { task } = context;
  if (!(await mayExtend(turn, view))) {
    await turn.deps.store.prompts.clear(turn.person.personId, prompt.key);
    return;
  }
  const words = {
    taskNo: task.no,
    shortTitle: shortTitle(task),
    unit,
    deadline: plainDate(view.deadline),
    example: extensionExample(view.deadline),
  };
  const parsed = parseExtensionReply(text, turn.date);
  if (parsed.kind === "question")
    return turn.answer(m(parsed.code === "no-date" ? "questionNoDate" : "questionNoReason", words));
  if (parsed.newDeadline <= view.deadline)
    return turn.answer(m("questionNotLater", { ...words, newDeadline: plainDate(parsed.newDeadline) }));
  const request = await createRequest(
    turn,
    { kind: "extension", taskNo: task.no, unit, newDeadline: parsed.newDeadline, reason: parsed.reason },
    { deadline: view.deadline },
  );
  await turn.deps.store.prompts.clear(turn.person.personId, prompt.key);
  await sendDecisionCards(turn, context, request, prompt.cycle ?? "once");
  await turn.answer(
    m("extensionSubmitted", { ...words, newDeadline: plainDate(parsed.newDeadline), reason: parsed.reason }),
  );
}
