import type { Turn } from "../conversation/turn.js";
import type { Prompt } from "../store/prompt.js";
import { message } from "../templates/template-store.js";
import { resolveTask } from "../workflow/resolve-task.js";
import { confirmReport } from "./confirm-report.js";
import { cycleForReply } from "./cycle-for-reply.js";
import { recordReport } from "./record-report.js";

/**
 * The answer to 有困难's prompt: a report with status `difficulty` and the text as its note. It
 * counts as the cycle's report; recordReport sends it to the office, and the unit's light stays
 * yellow until an admin marks it resolved or the unit reports it solved, whatever is reported
 * in between.
 */
export async function recordDifficulty(turn: Turn, prompt: Prompt, text: string): Promise<void> {
  if (text.trim() === "") {
    await turn.answer(message("progress", "difficultyEmpty", { taskNo: prompt.taskNo }));
    return;
  }
  const resolved = await resolveTask(turn, prompt.taskNo, prompt.unit);
  if (!resolved) return;
  const { context, view } = resolved;
  const recorded = await recordReport(turn, {
    view,
    cycle: prompt.cycle ?? (await cycleForReply(turn, context, view)),
    status: "difficulty",
    values: [],
    note: text.trim(),
    source: "text",
  });
  await turn.deps.store.prompts.clear(turn.person.personId, prompt.key);
  await confirmReport(turn, context, recorded);
}
