import { messages } from "../templates/template-store.js";
import { type CommandSpec, EVERYONE, mayRun } from "./command-spec.js";

const m = messages("commands");

/** /help: the commands this person may run, each with its usage, aliases and one-line help. */
export const helpCommand: CommandSpec = {
  name: "help",
  aliases: ["帮助", "查看帮助", "命令"],
  params: [],
  roles: EVERYONE,
  text: { summary: "helpSummary", usage: "helpUsage", example: "helpExample" },
  async run({ turn, caller, commands }) {
    const listed = commands.filter((c) => mayRun(c, caller.roles));
    const items = listed.map((c) =>
      m("helpItem", {
        usage: m(c.text.usage),
        aliases: c.aliases.join(m("listSeparator")),
        summary: m(c.text.summary),
      }),
    );
    const list = m("helpList", { items });
    await turn.answer(caller.roles.includes("unknown") ? `${list}\n${m("helpUnknown")}` : list);
    return { result: "answered", details: { listed: listed.map((c) => c.name) } };
  },
};
