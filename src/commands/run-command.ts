import { messages } from "../templates/template-store.js";
import { bindArgs } from "./bind-args.js";
import type { CommandContext } from "./command-context.js";
import { mayRun } from "./command-spec.js";
import type { CommandLine } from "./read-command.js";
import { suggestCommand } from "./suggest-command.js";
import { whoMayRun } from "./who-may-run.js";

const m = messages("commands");

/**
 * Runs a command line for its caller: refuses it politely when no role of theirs may run it, answers
 * its usage when the arguments do not fit, else runs it. A slash word no command has gets a
 * did-you-mean among the commands the caller may run (what /help shows them), so a suggestion never
 * leads to a refusal; with none near, it points to /help. Every outcome lands in the audit log:
 * who (the actor and their roles), what (the command and its arguments) and the result.
 */
export async function runCommand(ctx: CommandContext, line: CommandLine): Promise<void> {
  const { turn, caller } = ctx;
  const audit = (
    action: string,
    details: Record<string, unknown>,
    about: { taskNo?: number; unit?: string } = {},
  ) =>
    turn.deps.store.audit.append({
      at: turn.at,
      actor: caller.actor,
      action,
      ...about,
      details: { ...details, roles: caller.roles, event: turn.event.eventId },
    });

  if (line.kind === "unknown") {
    const runnable = ctx.commands.filter((c) => mayRun(c, caller.roles));
    const suggestion = suggestCommand(line.typed, runnable);
    turn.deps.logger.info("unknown command", { typed: line.typed, suggestion: suggestion?.name });
    await audit("command.unknown", { typed: line.typed, suggestion: suggestion?.name ?? null });
    await turn.answer(
      suggestion
        ? m("didYouMean", { name: suggestion.name, alias: suggestion.aliases[0] ?? suggestion.name })
        : m("unknownCommand", { typed: line.typed }),
    );
    return;
  }

  const { spec } = line;
  const written = { command: spec.name, typed: line.typed, args: line.args.map((a) => a.raw) };
  if (!mayRun(spec, caller.roles)) {
    turn.deps.logger.info("command refused", { command: spec.name, roles: caller.roles });
    await audit("command.refused", { ...written, result: "refused" });
    const refusal = m("refused", { who: whoMayRun(spec.roles.filter((r) => r !== "unknown")) });
    await turn.answer(caller.roles.includes("unknown") ? `${refusal}\n${m("refusedUnknown")}` : refusal);
    return;
  }
  const bound = bindArgs(spec.params, line.args);
  if (!bound.ok) {
    turn.deps.logger.info("command arguments do not fit", { command: spec.name, problem: bound.problem });
    await audit("command.invalid", { ...written, result: "usage", problem: bound.problem });
    await turn.answer(m("usage", { usage: m(spec.text.usage), example: m(spec.text.example) }));
    return;
  }
  const outcome = await spec.run(ctx, bound.args);
  turn.deps.logger.info("command run", { command: spec.name, result: outcome.result });
  await audit(
    "command.ran",
    // The command's own details first: they may add to the record, never rewrite who ran what.
    { ...outcome.details, command: spec.name, typed: line.typed, args: bound.args, result: outcome.result },
    {
      ...(outcome.taskNo !== undefined ? { taskNo: outcome.taskNo } : {}),
      ...(outcome.unit !== undefined ? { unit: outcome.unit } : {}),
    },
  );
}
