import type { Task } from "../registry/registry.js";
import { exampleReply } from "../registry/short-title.js";
import { message } from "../templates/template-store.js";

/** A reply the contact could send for the task, without its number: "城镇新增就业3600人". */
export function exampleFor(task: Pick<Task, "indicators">): string {
  const indicator = task.indicators[0];
  return indicator ? exampleReply(indicator) : message("progress", "exampleNoIndicator");
}
