import type { Turn } from "../conversation/turn.js";
import { exampleFor } from "../progress/example-for.js";
import { normalizeReply } from "../progress/normalize-reply.js";
import { readTaskNumber } from "../progress/read-task-number.js";
import { replyWithProgress } from "../progress/reply-with-progress.js";
import { shortTitle } from "../registry/short-title.js";
import type { Prompt } from "../store/prompt.js";
import { messages } from "../templates/template-store.js";
import { answerPrompt } from "./answer-prompt.js";
import { findWaitingTasks } from "./find-waiting-tasks.js";

const m = messages("progress");
const WHAT: Record<string, string> = {
  difficulty: "promptWhatDifficulty",
  "progress-text": "promptWhatReport",
  extension: "promptWhatExtension",
  "return-reason": "promptWhatReturn",
};

/**
 * A text message. With a task number it answers that task's open prompt, or is a progress reply
 * for it. Without one it goes to the only thing waiting for the person (one open prompt, else
 * one unreported reminder card); when several wait, or none, the bot asks for the number and
 * records nothing.
 */
export async function handleText(turn: Turn, text: string): Promise<void> {
  const normalized = normalizeReply(text);
  const { taskNo, rest } = readTaskNumber(normalized);
  const prompts = await turn.deps.store.prompts.active(turn.person.personId, turn.at);
  if (taskNo !== undefined) {
    const prompt = prompts.filter((p) => p.taskNo === taskNo).at(-1);
    return prompt ? answerPrompt(turn, prompt, rest) : replyWithProgress(turn, taskNo, rest);
  }
  const [only] = prompts;
  if (only && prompts.length === 1) return answerPrompt(turn, only, normalized);
  if (prompts.length > 1) return askWhichPrompt(turn, prompts);
  const waiting = await findWaitingTasks(turn);
  const [first] = waiting;
  if (first && waiting.length === 1)
    return replyWithProgress(turn, first.task.no, normalized, { unit: first.unit, cycle: first.cycle });
  turn.deps.logger.info("reply without a task number: asked which task", { waiting: waiting.length });
  if (!first) return turn.answer(m("questionNoTask"));
  const tasks = waiting.map((w) => m("taskItem", { taskNo: w.task.no, shortTitle: shortTitle(w.task) }));
  await turn.answer(
    m("questionWhichTask", {
      count: waiting.length,
      tasks: tasks.join(m("listSeparator")),
      example: `${first.task.no} ${exampleFor(first.task)}`,
    }),
  );
}

async function askWhichPrompt(turn: Turn, prompts: Prompt[]): Promise<void> {
  const items = prompts.map((p) =>
    m("promptItem", { taskNo: p.taskNo, what: m(WHAT[p.kind] ?? "promptWhatReport") }),
  );
  await turn.answer(
    m("questionWhichPrompt", {
      count: prompts.length,
      prompts: items.join(m("listSeparator")),
      taskNo: prompts[0]?.taskNo,
    }),
  );
}
