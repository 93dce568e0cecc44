import type { Turn } from "../conversation/turn.js";
import { messages } from "../templates/template-store.js";
import type { CommandOutcome, CommandSpec } from "./command-spec.js";

const m = messages("commands");

/**
 * Arguments that bound to the params but do not make sense (a colour no light has, a page that is
 * not a number): the usage line and example, as the frame answers arguments that do not bind.
 */
export async function answerUsage(
  turn: Turn,
  spec: Pick<CommandSpec, "text">,
  problem: string,
): Promise<CommandOutcome> {
  await turn.answer(m("usage", { usage: m(spec.text.usage), example: m(spec.text.example) }));
  return { result: "usage", details: { problem } };
}
