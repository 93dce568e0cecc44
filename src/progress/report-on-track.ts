import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { CardInstance } from "../store/card-instance.js";
import { message } from "../templates/template-store.js";
import { resolveTask } from "../workflow/resolve-task.js";
import { confirmReport } from "./confirm-report.js";
import { recordReport } from "./record-report.js";

/** 正常推进: a report for the card's cycle with no numbers; the ladder stops for it. */
export async function reportOnTrack(turn: Turn, card: CardInstance): Promise<void> {
  const resolved = await resolveTask(turn, card.taskNo, card.unit);
  if (!resolved) return;
  const { context, unit, view } = resolved;
  if (view.state === "completed") {
    const words = { taskNo: card.taskNo, shortTitle: shortTitle(context.task), unit };
    await turn.answer(message("progress", "taskClosed", words));
    return;
  }
  const recorded = await recordReport(turn, {
    view,
    cycle: card.cycle,
    status: "on-track",
    values: [],
    note: "",
    source: "card",
  });
  await confirmReport(turn, context, recorded);
}
