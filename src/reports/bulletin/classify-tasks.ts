import type { UnitStanding } from "../../commands/office-overview.js";
import type { LightColor } from "../../lights/light.js";
import type { Task } from "../../registry/registry.js";
import type { PaceGap } from "./pace-gap.js";

/** The five classes county bulletins count tasks in: 已完成 / 超进度 / 达进度 / 欠进度 / 逾期. */
export type TaskClass = "completed" | "ahead" | "onPace" | "behind" | "overdue";
export const TASK_CLASSES: readonly TaskClass[] = ["completed", "ahead", "onPace", "behind", "overdue"];

export interface ClassifiedTask {
  task: Task;
  taskClass: TaskClass;
  /** The task's most serious light among its units' (red, then yellow, then green). */
  light: LightColor;
}

/**
 * Puts each task in exactly one class, from its units' standings (the lights /lights shows), in
 * this order:
 * - 已完成: every host unit's part is 已办结 (approved). Co-units follow their host: a task done
 *   is done whatever a co-unit's input;
 * - 逾期: a host unit is past its deadline in force and has not finished (nor asked to close):
 *   the task's own deadline passed. Its light is red (deadlinePassed). A report overdue is a
 *   unit's lapse, not the task's: it is 欠进度 and the overdue list names it;
 * - 欠进度: some unit's light is yellow or red (a report late, behind 序时进度, a difficulty…);
 * - 超进度: every light is green and each unfinished host unit has numbers reported, its least
 *   advanced measure at least `aheadPoints` above 序时进度;
 * - 达进度: the rest of green.
 * So 欠进度 + 逾期 are exactly the tasks with a yellow or red light, and 已完成 + 超进度 + 达进度
 * those with every light green (or finished): the counts agree with the lights.
 */
export function classifyTask(
  standings: readonly UnitStanding[],
  context: { aheadPoints: number; gap: (standing: UnitStanding) => PaceGap | undefined },
): TaskClass {
  const hosts = standings.filter((s) => s.role === "host");
  if (hosts.length > 0 && hosts.every((s) => s.view.state === "completed")) return "completed";
  if (hosts.some((s) => s.pastDeadlineDays > 0)) return "overdue";
  if (standings.some((s) => s.light.color !== "green")) return "behind";
  const open = hosts.filter((s) => s.view.state !== "completed");
  const ahead =
    open.length > 0 &&
    open.every((s) => {
      const gap = context.gap(s);
      return gap !== undefined && gap.points >= context.aheadPoints;
    });
  return ahead ? "ahead" : "onPace";
}

/** Every task with standings, classified, in the registry's order. */
export function classifyTasks(
  standings: readonly UnitStanding[],
  context: Parameters<typeof classifyTask>[1],
): ClassifiedTask[] {
  const byTask = new Map<number, { task: Task; standings: UnitStanding[] }>();
  for (const standing of standings) {
    const entry = byTask.get(standing.task.no) ?? { task: standing.task, standings: [] };
    entry.standings.push(standing);
    byTask.set(standing.task.no, entry);
  }
  return [...byTask.values()].map(({ task, standings: ofTask }) => ({
    task,
    taskClass: classifyTask(ofTask, context),
    light: worstLight(ofTask),
  }));
}

function worstLight(standings: readonly UnitStanding[]): LightColor {
  if (standings.some((s) => s.light.color === "red")) return "red";
  return standings.some((s) => s.light.color === "yellow") ? "yellow" : "green";
}
