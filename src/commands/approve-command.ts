import { answerUsage } from "./answer-usage.js";
import type { CommandSpec } from "./command-spec.js";
import { decideByCommand, listPendingRequests } from "./decide-by-command.js";
import { readPageNumber } from "./page-lines.js";

/**
 * /approve R (批准): approves a completion or extension request, as 批准 on its decision card.
 * R is the request's code, or the task number when one request on it waits. Without R, the
 * requests waiting for the office, with their codes.
 */
export const approveCommand: CommandSpec = {
  name: "approve",
  aliases: ["批准", "审核通过"],
  params: [
    { name: "request", keys: ["申请"], optional: true },
    { name: "page", keys: ["页"], optional: true, namedOnly: true },
  ],
  roles: ["admin"],
  text: { summary: "approveSummary", usage: "approveUsage", example: "approveExample" },
  async run(ctx, args) {
    if (args.request !== undefined) return decideByCommand(ctx, args.request, { decision: "approved" });
    const page = args.page === undefined ? 1 : readPageNumber(args.page);
    if (page === undefined) return answerUsage(ctx.turn, approveCommand, "page");
    return listPendingRequests(ctx, page);
  },
};
