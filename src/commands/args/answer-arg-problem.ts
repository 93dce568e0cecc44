import { messages } from "../../templates/template-store.js";
import type { CommandContext } from "../command-context.js";
import type { CommandOutcome, CommandSpec } from "../command-spec.js";
import type { ArgFailure } from "./arg-result.js";

const m = messages("commands");

/**
 * Answers an argument the command could not use: what is wrong with it and how to write it, then
 * the command's usage line and example, as the frame does for words that do not fit the params.
 * The outcome (result "invalid", the problem's code) is what the audit log records.
 */
export async function answerArgProblem(
  ctx: CommandContext,
  spec: Pick<CommandSpec, "text">,
  failure: ArgFailure,
): Promise<CommandOutcome> {
  await ctx.turn.answer(
    m("argProblem", { problem: failure.problem, usage: m(spec.text.usage), example: m(spec.text.example) }),
  );
  return { result: "invalid", details: { problem: failure.code } };
}
