import { messages } from "../templates/template-store.js";
import { closeNames } from "./close-names.js";
import type { CommandSpec } from "./command-spec.js";

const m = messages("commands");

/**
 * /digest [领导] (周报): the weekly leader digest as it stands now, in the parts the Monday message
 * is sent as. A leader gets their own; an admin names the leader (`/digest 寇宁`), or gets their
 * own when they lead tasks too. A leader may not read another's.
 */
export const digestCommand: CommandSpec = {
  name: "digest",
  aliases: ["周报", "督办周报"],
  params: [{ name: "leader", keys: ["领导"], optional: true }],
  roles: ["leader", "admin"],
  text: { summary: "digestSummary", usage: "digestUsage", example: "digestExample" },
  async run({ turn, caller }, args) {
    const own = caller.entries.find((e) => e.role === "leader")?.name;
    const admin = caller.roles.includes("admin");
    const named = args.leader?.normalize("NFKC").trim() || undefined;
    const leader = named ?? own;
    if (leader === undefined) {
      await turn.answer(m("digestNameLeader"));
      return { result: "no-leader" };
    }
    if (leader !== own && !admin) {
      await turn.answer(m("digestOnlyOwn"));
      return { result: "refused", details: { leader } };
    }
    const { leaderDigest } = turn.deps;
    if (!leaderDigest) {
      await turn.answer(m("digestUnavailable"));
      return { result: "unavailable" };
    }
    if (leader !== own) {
      const current = await turn.deps.store.registry.current();
      const known = [
        ...turn.deps.directory.leaders.map((l) => l.name),
        ...(current?.registry.tasks.flatMap((task) => task.leaders) ?? []),
      ];
      if (!known.includes(leader)) {
        const near = closeNames(leader, known).join(m("listSeparator"));
        await turn.answer(m("digestUnknownLeader", { name: leader, near }));
        return { result: "not-found", details: { leader } };
      }
    }
    // The pace chart too, where the channel written from shows images (as the weekly digest has it).
    const chart = turn.deps.canSendMedia(turn.event.channel, "image");
    const digest = await leaderDigest(leader, turn.at, { chart });
    if (digest === undefined) {
      await turn.answer(m("argNoRegistry"));
      return { result: "no-registry" };
    }
    const { parts } = digest;
    if (parts.length === 0) {
      await turn.answer(m("digestNoTasks", { leader }));
      return { result: "answered", details: { leader, parts: 0 } };
    }
    for (const part of parts) await turn.answer(part);
    if (digest.chart) await turn.answerMedia(digest.chart);
    return {
      result: "answered",
      details: { leader, parts: parts.length, chart: digest.chart !== undefined },
    };
  },
};
