import type { Turn } from "../conversation/turn.js";
import { assignmentsFor } from "../registry/assignments-for.js";
import type { Task } from "../registry/registry.js";
import { completionInForce } from "../unit-view/completion-in-force.js";
import { isReport } from "../unit-view/is-report.js";

/** A task the person's unit was sent a reminder card for, and has not reported on since. */
export interface WaitingTask {
  task: Task;
  unit: string;
  cycle: string;
}

/**
 * What a reply without a task number may answer: for each task the person's unit hosts, the last
 * reminder card the unit got, when its cycle is still unreported and the task not closed.
 */
export async function findWaitingTasks(turn: Turn): Promise<WaitingTask[]> {
  const { store, directory, people } = turn.deps;
  const current = await store.registry.current();
  if (!current) return [];
  const mine = new Set(
    directory.units
      .filter((u) => people.ofUnit(u.name).some((p) => p.personId === turn.person.personId))
      .map((u) => u.name),
  );
  if (mine.size === 0) return [];
  const tasks = new Map(current.registry.tasks.map((t) => [t.no, t]));
  const waiting: WaitingTask[] = [];
  for (const a of assignmentsFor(current.registry, directory)) {
    const task = tasks.get(a.taskNo);
    if (!task || a.role !== "host" || !mine.has(a.unit)) continue;
    const card = (await store.cards.list({ taskNo: a.taskNo, unit: a.unit }))
      .filter((c) => c.requestId === undefined)
      .at(-1);
    if (!card) continue;
    const reported = (await store.progress.history(a.taskNo, a.unit)).some(
      (r) => isReport(r) && r.cycle >= card.cycle,
    );
    const closed =
      completionInForce(await store.requests.list({ taskNo: a.taskNo, unit: a.unit, status: "approved" })) !==
      undefined;
    if (!reported && !closed) waiting.push({ task, unit: a.unit, cycle: card.cycle });
  }
  return waiting;
}
