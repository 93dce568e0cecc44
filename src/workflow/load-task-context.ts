import type { Directory } from "../directory/directory.js";
import { assignmentsByTask } from "../registry/assignments-by-task.js";
import { assignmentsFor } from "../registry/assignments-for.js";
import type { Store } from "../store/store.js";
import type { TaskContext } from "./task-context.js";

/** Task `taskNo` of the current registry, or undefined when there is no such task (or no registry). */
export async function loadTaskContext(
  store: Pick<Store, "registry">,
  directory: Directory,
  taskNo: number,
): Promise<TaskContext | undefined> {
  const current = await store.registry.current();
  const task = current?.registry.tasks.find((t) => t.no === taskNo);
  if (!current || !task) return undefined;
  const { document } = current.registry;
  return {
    task,
    assignments: assignmentsByTask(assignmentsFor(current.registry, directory)).get(taskNo) ?? [],
    // The same start as the reminder ladder's (load-reminder-world.ts).
    start: document.issuedOn || current.importedAt.slice(0, 10),
    year: document.year,
  };
}
