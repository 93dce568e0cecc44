import type { Turn } from "../conversation/turn.js";
import { shortTitle } from "../registry/short-title.js";
import type { OfficeOverride } from "../store/office-override.js";
import { messages } from "../templates/template-store.js";
import { shortDate } from "../unit-view/short-date.js";
import { type ArgResult, accept } from "./args/arg-result.js";
import { findTask, readTaskRef } from "./args/read-task-ref.js";
import { readUnit } from "./args/read-unit.js";
import type { CommandOutcome } from "./command-spec.js";

const m = messages("commands");

/** What /mute and /unmute are about: a task, or a unit. */
export type MuteTarget =
  | { kind: "mute-task"; taskNo: number; label: string }
  | { kind: "mute-unit"; unit: string; label: string };

/**
 * The word after /mute or /unmute: a task reference (52, 第52项) for a task of the registry, else a
 * unit of the directory (name, alias or a part only it has). A number is always a task: a task
 * the registry lacks is refused, never read as a unit.
 */
export async function readMuteTarget(turn: Turn, written: string): Promise<ArgResult<MuteTarget>> {
  if (readTaskRef(written).ok) {
    const task = await findTask(turn, written);
    if (!task.ok) return task;
    const { no } = task.value.task;
    return accept({
      kind: "mute-task",
      taskNo: no,
      label: m("muteTaskLabel", { taskNo: no, shortTitle: shortTitle(task.value.task) }),
    });
  }
  const unit = readUnit(written, turn.deps.directory);
  if (!unit.ok) return unit;
  return accept({ kind: "mute-unit", unit: unit.value.name, label: unit.value.name });
}

/** The store key of a target's mute (office-override.ts). */
export function muteKey(target: MuteTarget): string {
  return target.kind === "mute-task" ? `mute-task/${target.taskNo}` : `mute-unit/${target.unit}`;
}

/** Every mute in force, one line each with who set it and when: what /mute and /unmute list. */
export async function describeMutes(turn: Turn): Promise<string[]> {
  const current = await turn.deps.store.registry.current();
  const tasks = new Map((current?.registry.tasks ?? []).map((t) => [t.no, t]));
  return (await turn.deps.store.overrides.list()).flatMap((o) => {
    if (o.kind !== "mute-task" && o.kind !== "mute-unit") return [];
    const task = o.kind === "mute-task" ? tasks.get(o.taskNo) : undefined;
    const label =
      o.kind === "mute-task"
        ? m("muteTaskLabel", { taskNo: o.taskNo, shortTitle: task ? shortTitle(task) : "" })
        : o.unit;
    return [m("muteLine", { label, ...setBy(turn, o) })];
  });
}

/** Who set an override and when, for the answers: "袁振华，3月22日". */
export function setBy(turn: Turn, override: OfficeOverride): { by: string; when: string; note: string } {
  return {
    by: turn.deps.people.byId(override.setBy)?.name ?? override.setBy,
    when: shortDate(override.setAt),
    note: override.note ?? "",
  };
}

/** /mute and /unmute without a target: the mutes in force, one line each. */
export async function answerMuteList(turn: Turn): Promise<CommandOutcome> {
  const lines = await describeMutes(turn);
  await turn.answer(m("muteList", { lines, count: lines.length }));
  return { result: "answered", details: { mutes: lines.length } };
}

/** What a mute is about, for the audit's task or unit. */
export function mutedAbout(target: MuteTarget): { taskNo: number } | { unit: string } {
  return target.kind === "mute-task" ? { taskNo: target.taskNo } : { unit: target.unit };
}
