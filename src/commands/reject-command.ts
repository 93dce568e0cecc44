import type { CommandSpec } from "./command-spec.js";
import { decideByCommand } from "./decide-by-command.js";

/**
 * /reject R 理由 (不予批准): turns down an extension request, as 不予批准 on its decision card; the
 * reason is kept with the decision and in the audit log, and the unit is told its deadline stands.
 */
export const rejectCommand: CommandSpec = {
  name: "reject",
  aliases: ["不予批准", "驳回"],
  params: [
    { name: "request", keys: ["申请"] },
    { name: "reason", keys: ["理由"], rest: true },
  ],
  roles: ["admin"],
  text: { summary: "rejectSummary", usage: "rejectUsage", example: "rejectExample" },
  run: (ctx, args) =>
    decideByCommand(ctx, args.request ?? "", { decision: "rejected", note: (args.reason ?? "").trim() }),
};
