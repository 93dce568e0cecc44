import { channelLabel } from "../channels/channel-label.js";
import type { Person } from "../directory/people.js";
import { messages } from "../templates/template-store.js";
import { type CommandSpec, EVERYONE } from "./command-spec.js";

const m = messages("commands");
const ENTRY: Record<Person["role"], string> = {
  contact: "entryContact",
  head: "entryHead",
  leader: "entryLeader",
  admin: "entryAdmin",
};

/**
 * /whoami: the person's directory entries (role and unit) and the account they wrote from on this
 * channel. Someone not in the directory learns the account the office must add, which is how a new
 * contact finds their id.
 */
export const whoamiCommand: CommandSpec = {
  name: "whoami",
  aliases: ["我是谁", "我的身份", "查看身份"],
  params: [],
  roles: EVERYONE,
  text: { summary: "whoamiSummary", usage: "whoamiUsage", example: "whoamiExample" },
  async run({ turn, caller }) {
    const account = m("account", { channel: channelLabel(caller.channel), userId: caller.userId });
    const [first] = caller.entries;
    if (!first) {
      await turn.answer(m("whoamiUnknown", { account }));
      return { result: "answered", details: { known: false } };
    }
    const office = turn.deps.directory.office.name;
    const entries = caller.entries.map((e) => m(ENTRY[e.role], { unit: e.unit, office }));
    // The accounts the directory has for the person on the other platforms.
    const others = Object.entries(first.accounts)
      .filter(([channel]) => channel !== caller.channel)
      .map(([channel, userId]) => m("otherAccount", { channel: channelLabel(channel), userId }));
    await turn.answer(m("whoamiKnown", { name: first.name, entries, account, others }));
    return { result: "answered", details: { known: true } };
  },
};
