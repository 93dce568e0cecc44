import type { Turn } from "../../conversation/turn.js";
import { normalizeReply } from "../../progress/normalize-reply.js";
import { readTaskNumber } from "../../progress/read-task-number.js";
import { messages } from "../../templates/template-store.js";
import { loadTaskContext } from "../../workflow/load-task-context.js";
import type { TaskContext } from "../../workflow/task-context.js";
import { type ArgResult, accept, reject } from "./arg-result.js";

const m = messages("commands");
/** What a phone may leave after the word: "52，" "第52项。". */
const TRAILING = /[，,。.；;：:、]+$/;

/**
 * A task reference as replies write one (progress/read-task-number.ts, the same reader): 52, 第52项,
 * 第五十二项, 52号, （52）, #52. The whole word must be the reference: "52a" or "52人" is refused,
 * so a command never acts on a number it half understood.
 */
export function readTaskRef(written: string): ArgResult<number> {
  const text = normalizeReply(written).replace(TRAILING, "");
  const { taskNo, rest } = readTaskNumber(text);
  if (taskNo === undefined || rest !== "") return reject("not-a-task", m("argNotTask", { written }));
  return accept(taskNo);
}

/** The task a reference names in the current registry, with its units and dates. */
export async function findTask(turn: Turn, written: string): Promise<ArgResult<TaskContext>> {
  const ref = readTaskRef(written);
  if (!ref.ok) return ref;
  const context = await loadTaskContext(turn.deps.store, turn.deps.directory, ref.value);
  if (!context) {
    const imported = await turn.deps.store.registry.current();
    return imported
      ? reject("unknown-task", m("argUnknownTask", { taskNo: ref.value }))
      : reject("no-registry", m("argNoRegistry"));
  }
  return accept(context);
}
