import { indexDirectory } from "../../directory/directory-index.js";
import { checkImportSafety } from "../../registry/check-import-safety.js";
import { computeAssignments } from "../../registry/compute-assignments.js";
import { diffRegistry } from "../../registry/diff-registry.js";
import { inBusinessTz } from "../../shared/clock.js";
import { messages } from "../../templates/template-store.js";
import { answerArgProblem } from "../args/answer-arg-problem.js";
import { reject } from "../args/arg-result.js";
import { readPage } from "../args/read-page.js";
import type { CommandContext } from "../command-context.js";
import type { CommandOutcome, CommandSpec } from "../command-spec.js";
import { describeImportRefusal, pendingAnswer } from "./import-words.js";
import { dropPendingImport, findPendingImport, type PendingImport } from "./pending-import.js";

const m = messages("commands");
const CONFIRM = ["confirm", "确认", "应用"];
const CANCEL = ["cancel", "取消", "放弃"];
const REPLACE = ["replace", "替换"];

/**
 * /import (导入): a notice or task table an admin sent in chat is read and kept, unapplied
 * (read-import-file.ts). `/import` shows what is pending (`/import 2`: its next page),
 * `/import confirm` applies it under the CLI's safety rules (a year change or over a quarter of
 * the tasks removed needs `/import confirm replace`), `/import cancel` drops it. Applying it is
 * `duban import`'s save: the registry with its assignments under the live directory, and a
 * `registry.imported` audit entry naming who and which file.
 */
export const importCommand: CommandSpec = {
  name: "import",
  aliases: ["导入"],
  params: [
    { name: "action", keys: ["操作"], optional: true },
    { name: "mode", keys: ["方式"], optional: true },
  ],
  roles: ["admin"],
  text: { summary: "importSummary", usage: "importUsage", example: "importExample" },
  async run(ctx, args) {
    const action = args.action?.toLowerCase();
    const pending = await findPendingImport(ctx.turn, ctx.caller.actor);
    if (action !== undefined && CONFIRM.includes(action)) {
      const mode = args.mode?.toLowerCase();
      if (mode !== undefined && !REPLACE.includes(mode))
        return answerArgProblem(
          ctx,
          importCommand,
          reject("bad-mode", m("importBadMode", { written: args.mode })),
        );
      return confirm(ctx, pending, mode !== undefined);
    }
    if (args.mode !== undefined)
      return answerArgProblem(
        ctx,
        importCommand,
        reject("bad-action", m("importBadAction", { written: args.action })),
      );
    if (action !== undefined && CANCEL.includes(action)) return cancel(ctx, pending);
    const page = readPage(args.action);
    if (!page.ok)
      return answerArgProblem(
        ctx,
        importCommand,
        reject("bad-action", m("importBadAction", { written: args.action })),
      );
    if (!pending) {
      await ctx.turn.answer(m("importNothingPending"));
      return { result: "nothing-pending" };
    }
    const refusals = await refusalsFor(ctx, pending, false);
    const head = [
      m("importPendingHead", {
        file: pending.source.path,
        until: inBusinessTz(pending.expiresAt).format("H:mm"),
      }),
      ...refusals.map(describeImportRefusal),
      m(refusals.length > 0 ? "importConfirmReplaceHint" : "importConfirmHint"),
    ].join("\n");
    const paged = pendingAnswer(ctx.turn, { head, summary: pending.summary }, page.value);
    await ctx.turn.answer(paged.text);
    return {
      result: paged.outOfRange ? "out-of-range" : "answered",
      details: { file: pending.source.path, page: paged.page, pages: paged.pages },
    };
  },
};

async function refusalsFor(ctx: CommandContext, pending: PendingImport, replace: boolean) {
  const current = await ctx.turn.deps.store.registry.current();
  const diff = diffRegistry(current?.registry, pending.registry);
  return checkImportSafety(current?.registry, pending.registry, diff, { replace });
}

async function confirm(
  { turn, caller }: CommandContext,
  pending: PendingImport | undefined,
  replace: boolean,
): Promise<CommandOutcome> {
  if (!pending) {
    await turn.answer(m("importNothingToConfirm"));
    return { result: "nothing-pending" };
  }
  // Against the registry as it is now: another import may have landed since the file was read.
  const current = await turn.deps.store.registry.current();
  const { registry, source } = pending;
  const diff = diffRegistry(current?.registry, registry);
  const refusals = checkImportSafety(current?.registry, registry, diff, { replace });
  const file = source.path;
  if (refusals.length > 0) {
    await turn.answer([...refusals.map(describeImportRefusal), m("importConfirmReplaceHint")].join("\n"));
    return { result: "needs-replace", details: { file, refusals: refusals.map((r) => r.kind) } };
  }
  const { directory } = turn.deps;
  await turn.deps.store.registry.save({
    registry,
    directory,
    assignments: computeAssignments(registry, indexDirectory(directory)),
    source,
    importedAt: turn.at,
  });
  const counts = { added: diff.added.length, changed: diff.changed.length, removed: diff.removed.length };
  await turn.deps.store.audit.append({
    at: turn.at,
    actor: caller.actor,
    action: "registry.imported",
    details: {
      file,
      sha256: source.sha256,
      tasks: registry.tasks.length,
      problems: registry.problems.length,
      year: registry.document.year,
      via: "chat",
      readAt: pending.setAt,
      ...(replace ? { replace: true } : {}),
      added: diff.added.map((t) => t.no),
      changed: diff.changed.map((c) => c.after.no),
      removed: diff.removed.map((t) => t.no),
      event: turn.event.eventId,
    },
  });
  await dropPendingImport(turn, caller.actor);
  await turn.answer(
    m("importApplied", {
      file,
      tasks: registry.tasks.length,
      year: registry.document.year,
      hadPrevious: current !== undefined,
      ...counts,
    }),
  );
  return {
    result: "imported",
    details: { file, tasks: registry.tasks.length, ...counts, ...(replace ? { replace: true } : {}) },
  };
}

async function cancel(
  { turn, caller }: CommandContext,
  pending: PendingImport | undefined,
): Promise<CommandOutcome> {
  if (!pending || !(await dropPendingImport(turn, caller.actor))) {
    await turn.answer(m("importNothingPending"));
    return { result: "nothing-pending" };
  }
  await turn.answer(m("importCancelled", { file: pending.source.path }));
  return { result: "cancelled", details: { file: pending.source.path } };
}
