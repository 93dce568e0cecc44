import type { CommandSpec } from "./command-spec.js";
import { decideByCommand } from "./decide-by-command.js";

/**
 * /return R 理由 (退回): returns a completion request with its reason, as 退回 on the decision card
 * and the reason the card then asks for: the unit is back to 推进中 and is told why.
 */
export const returnCommand: CommandSpec = {
  name: "return",
  aliases: ["退回"],
  params: [
    { name: "request", keys: ["申请"] },
    { name: "reason", keys: ["理由"], rest: true },
  ],
  roles: ["admin"],
  text: { summary: "returnSummary", usage: "returnUsage", example: "returnExample" },
  run: (ctx, args) =>
    decideByCommand(ctx, args.request ?? "", { decision: "returned", note: (args.reason ?? "").trim() }),
};
