import { openPrompt } from "../conversation/open-prompt.js";
import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { CardInstance } from "../store/card-instance.js";
import { message } from "../templates/template-store.js";
import { resolveTask } from "../workflow/resolve-task.js";
import { exampleFor } from "./example-for.js";

/**
 * 有困难 / 填写进展: asks for the text, naming the task, and waits for it (a prompt with the card's
 * unit and cycle). The answer is handled by answerPrompt (src/inbound).
 */
export async function askForDetails(
  turn: Turn,
  card: CardInstance,
  kind: "difficulty" | "progress-text",
): Promise<void> {
  const resolved = await resolveTask(turn, card.taskNo, card.unit);
  if (!resolved) return;
  const { task } = resolved.context;
  const validFor = await openPrompt(turn, { kind, taskNo: task.no, unit: resolved.unit, cycle: card.cycle });
  await turn.answer(
    message("progress", kind === "difficulty" ? "promptDifficulty" : "promptReport", {
      taskNo: task.no,
      shortTitle: shortTitle(task),
      example: exampleFor(task),
      validFor,
    }),
  );
}
