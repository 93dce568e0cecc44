import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import type { CommandSpec } from "./command-spec.js";
import { answerMuteList, mutedAbout, muteKey, readMuteTarget } from "./mute-target.js";

const m = messages("commands");

/**
 * /unmute 单位|任务 (恢复提醒): undoes /mute; the ladder takes the unit or task up again at its next
 * sweep, from the step due then (what fell due meanwhile is not sent after the fact). Logged as
 * `mute.cleared`. Without a target, the mutes in force.
 */
export const unmuteCommand: CommandSpec = {
  name: "unmute",
  aliases: ["恢复提醒", "取消静音"],
  params: [{ name: "target", keys: ["单位", "任务"], optional: true }],
  roles: ["admin"],
  text: { summary: "unmuteSummary", usage: "unmuteUsage", example: "unmuteExample" },
  async run(ctx, args) {
    const { turn, caller } = ctx;
    if (args.target === undefined) return answerMuteList(turn);
    const read = await readMuteTarget(turn, args.target);
    if (!read.ok) return answerArgProblem(ctx, unmuteCommand, read);
    const target = read.value;
    const about = mutedAbout(target);
    if (!(await turn.deps.store.overrides.remove(muteKey(target)))) {
      await turn.answer(m("unmuteNotMuted", { label: target.label }));
      return { result: "not-muted", ...about };
    }
    await turn.deps.store.audit.append({
      at: turn.at,
      actor: caller.actor,
      action: "mute.cleared",
      ...about,
      details: { kind: target.kind, event: turn.event.eventId },
    });
    await turn.answer(m("unmuted", { label: target.label }));
    return { result: "unmuted", ...about, details: { kind: target.kind } };
  },
};
