import type { Assignment } from "../registry/compute-assignments.js";
import type { Task } from "../registry/registry.js";

/** A task of the current registry, with what the workflow reads around it. */
export interface TaskContext {
  task: Task;
  /** The task's units and roles, from the live directory (as the reminder ladder has them). */
  assignments: readonly Assignment[];
  /** Reports are asked for after this date: the day the registry took effect. */
  start: string;
  /** The registry's year: 序时进度 is measured over it. */
  year: number;
}
