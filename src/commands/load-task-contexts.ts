import type { Turn } from "../conversation/turn.js";
import { assignmentsByTask } from "../registry/assignments-by-task.js";
import { assignmentsFor } from "../registry/assignments-for.js";
import type { TaskContext } from "../workflow/task-context.js";

/**
 * Every task of the current registry with its units from the live directory, as loadTaskContext
 * gives one task (the same start and year), in the registry's order; undefined before any import.
 */
export async function loadTaskContexts(turn: Turn): Promise<TaskContext[] | undefined> {
  const current = await turn.deps.store.registry.current();
  if (!current) return undefined;
  const { registry } = current;
  const byTask = assignmentsByTask(assignmentsFor(registry, turn.deps.directory));
  const start = registry.document.issuedOn || current.importedAt.slice(0, 10);
  return registry.tasks.map((task) => ({
    task,
    assignments: byTask.get(task.no) ?? [],
    start,
    year: registry.document.year,
  }));
}

/** The name a unit is known by in short (its first alias), for lines that list many units. */
export function shortUnitName(turn: Turn, unit: string): string {
  return turn.deps.directory.units.find((u) => u.name === unit)?.aliases[0] ?? unit;
}
