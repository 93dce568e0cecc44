import type { Person } from "../directory/people.js";
import { message } from "../templates/template-store.js";
import { type CommandSpec, EVERYONE } from "./command-spec.js";

const m = (key: string, view: Record<string, unknown> = {}) => message("commands", key, view);
const ENTRY: Record<Person["role"], string> = {
  contact: "entryContact",
  head: "entryHead",
  leader: "entryLeader",
  admin: "entryAdmin",
};
/** Channels without a label here are named as the code names them. */
const CHANNEL: Partial<Record<string, string>> = {
  local: "channelLocal",
  wecom: "channelWecom",
  dingtalk: "channelDingtalk",
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
    const label = CHANNEL[caller.channel];
    const account = m("account", { channel: label ? m(label) : caller.channel, userId: caller.userId });
    const [first] = caller.entries;
    if (!first) {
      await turn.answer(m("whoamiUnknown", { account }));
      return { result: "answered", details: { known: false } };
    }
    const office = turn.deps.directory.office.name;
    const entries = caller.entries.map((e) => m(ENTRY[e.role], { unit: e.unit, office }));
    await turn.answer(m("whoamiKnown", { name: first.name, entries, account }));
    return { result: "answered", details: { known: true } };
  },
};
