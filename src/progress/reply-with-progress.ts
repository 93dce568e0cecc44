import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import { message } from "../templates/template-store.js";
import { readDifficulty, saysDifficultySolved } from "../workflow/difficulty-words.js";
import { resolveTask } from "../workflow/resolve-task.js";
import { confirmReport } from "./confirm-report.js";
import { cycleForReply } from "./cycle-for-reply.js";
import { parseProgressReply } from "./parse-progress-reply.js";
import { recordReport } from "./record-report.js";
import { renderQuestion } from "./render-question.js";

/** The reminder card's 正常推进, typed: "正常推进", "按计划正常推进。". */
const ON_TRACK = /^(按计划)?正常推进[。.!！]*$/;

/**
 * A progress reply for task `taskNo` ("已新增就业4200人，失业率2.9%"), from a text or as the answer
 * to 填写进展: read against the task's indicators, recorded as a new version and confirmed, or
 * answered with a precise question and not recorded at all (among them a host's reply that gives
 * no value on a task with indicators, so that the stored actuals and the last report stay as they
 * were). `via` carries the unit and cycle of the card whose 填写进展 prompted the reply.
 */
export async function replyWithProgress(
  turn: Turn,
  taskNo: number,
  text: string,
  via: { unit?: string; cycle?: string } = {},
): Promise<void> {
  const resolved = await resolveTask(turn, taskNo, via.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  const { task } = context;
  if (view.state === "completed") {
    await turn.answer(message("progress", "taskClosed", { taskNo, shortTitle: shortTitle(task), unit }));
    return;
  }
  // Typed, 正常推进 is the card's button: a report without numbers, shown as such. A host's reply
  // without any value is asked back and changes nothing, unless it is in words by nature: a
  // difficulty ("有困难：…") or word that the open one is solved, which recordReport acts on.
  // A co-unit is asked for its 协办 work in words (coOnly in templates/progress.yaml).
  const inWords =
    view.role === "co" ||
    readDifficulty(text) !== undefined ||
    (view.difficulty !== undefined && saysDifficultySolved(text));
  const parsed = ON_TRACK.test(text)
    ? undefined
    : parseProgressReply(text, task.indicators, { requireValue: !inWords });
  if (parsed?.kind === "question") {
    turn.deps.logger.info("progress reply unclear: asked back", { taskNo, code: parsed.question.code });
    await turn.answer(renderQuestion(parsed.question, task));
    return;
  }
  const recorded = await recordReport(turn, {
    view,
    cycle: via.cycle ?? (await cycleForReply(turn, context, view)),
    ...(parsed
      ? {
          status: "reported",
          values: parsed.values,
          ...(parsed.percent !== undefined ? { percent: parsed.percent } : {}),
          note: parsed.note,
        }
      : { status: "on-track", values: [], note: "" }),
    source: "text",
  });
  await turn.deps.store.prompts.clear(turn.person.personId, `progress-text:${taskNo}`);
  await confirmReport(turn, context, recorded);
}
