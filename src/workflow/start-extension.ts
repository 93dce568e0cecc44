import { plainDate } from "../calendar/format-dates.js";
import { openPrompt } from "../conversation/open-prompt.js";
import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { CardInstance } from "../store/card-instance.js";
import { messages } from "../templates/template-store.js";
import { extensionExample } from "./extension-example.js";
import { mayExtend } from "./may-extend.js";
import { rejectCoUnit } from "./reject-co-unit.js";
import { resolveTask } from "./resolve-task.js";

const m = messages("workflow");

/**
 * 申请延期: accepted only up to the deadline in force (the deadline day itself included), and
 * only when no extension request is waiting; then the bot asks for the new date and the reason.
 * After the deadline the attempt is refused and logged (`extension.refused`).
 */
export async function startExtension(turn: Turn, card: CardInstance): Promise<void> {
  const resolved = await resolveTask(turn, card.taskNo, card.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  const { task } = context;
  if ((await rejectCoUnit(turn, context, view)) || !(await mayExtend(turn, view))) return;
  const validFor = await openPrompt(turn, { kind: "extension", taskNo: task.no, unit, cycle: card.cycle });
  await turn.answer(
    m("promptExtension", {
      taskNo: task.no,
      shortTitle: shortTitle(task),
      deadline: plainDate(view.deadline),
      example: extensionExample(view.deadline),
      validFor,
    }),
  );
}
