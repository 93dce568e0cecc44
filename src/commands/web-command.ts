import { messages } from "../templates/template-store.js";
import type { CommandSpec } from "./command-spec.js";

const m = messages("commands");

/**
 * /web (看板): a sign-in link to the web console for the person who asked, valid 10 minutes and
 * once. Made by the composition root (src/web/auth/, injected as `signInLink`): the link is the
 * credential, so it goes only to the person it signs in, in their own chat.
 */
export const webCommand: CommandSpec = {
  name: "web",
  aliases: ["看板", "督办看板"],
  params: [],
  roles: ["admin", "leader", "contact"],
  text: { summary: "webSummary", usage: "webUsage", example: "webExample" },
  async run({ turn, caller }) {
    await turn.answer(m("webLink", { link: turn.deps.signInLink(caller.actor) }));
    return { result: "answered" };
  },
};
