import { type OfficeOverride, overrideKey } from "../store/office-override.js";
import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import type { CommandSpec } from "./command-spec.js";
import { answerMuteList, mutedAbout, muteKey, readMuteTarget, setBy } from "./mute-target.js";

const m = messages("commands");

/**
 * /mute 单位|任务 [理由] (暂停提醒): the reminder ladder stops for a unit (on every task) or for a
 * task (every unit), escalations included, until /unmute; the office can still urge it (/remind),
 * and /overdue still lists it, marked. Kept in the store (overrides), logged as `mute.set`.
 * Without a target, the mutes in force.
 */
export const muteCommand: CommandSpec = {
  name: "mute",
  aliases: ["暂停提醒", "静音"],
  params: [
    { name: "target", keys: ["单位", "任务"], optional: true },
    { name: "reason", keys: ["理由"], optional: true, rest: true },
  ],
  roles: ["admin"],
  text: { summary: "muteSummary", usage: "muteUsage", example: "muteExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    if (args.target === undefined) return answerMuteList(turn);
    const read = await readMuteTarget(turn, args.target);
    if (!read.ok) return answerArgProblem(ctx, muteCommand, read);
    const target = read.value;
    const about = mutedAbout(target);
    const existing = (await turn.deps.store.overrides.list()).find((o) => overrideKey(o) === muteKey(target));
    if (existing) {
      await turn.answer(m("muteAlready", { label: target.label, ...setBy(turn, existing) }));
      return { result: "already-muted", ...about };
    }
    const note = args.reason?.trim();
    const override: OfficeOverride =
      target.kind === "mute-task"
        ? {
            kind: "mute-task",
            taskNo: target.taskNo,
            setBy: caller.actor,
            setAt: turn.at,
            ...(note ? { note } : {}),
          }
        : {
            kind: "mute-unit",
            unit: target.unit,
            setBy: caller.actor,
            setAt: turn.at,
            ...(note ? { note } : {}),
          };
    await turn.deps.store.overrides.put(override);
    await turn.deps.store.audit.append({
      at: turn.at,
      actor: caller.actor,
      action: "mute.set",
      ...about,
      details: { kind: target.kind, ...(note ? { note } : {}), event: turn.event.eventId },
    });
    await turn.answer(m("muted", { label: target.label, undo: args.target.trim() }));
    return { result: "muted", ...about, details: { kind: target.kind } };
  },
};
