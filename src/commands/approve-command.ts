import { messages } from "../templates/template-store.js";
import { answerArgProblem } from "./args/answer-arg-problem.js";
import { reject } from "./args/arg-result.js";
import { readPage } from "./args/read-page.js";
import type { CommandSpec } from "./command-spec.js";
import { decideByCommand, LIST_WORDS, listPendingRequests } from "./decide-by-command.js";

const m = messages("commands");

/**
 * /approve R (批准): approves a completion or extension request, as 批准 on its decision card.
 * R is the request's code, or the task number when one request on it waits. Without R (or with
 * 列表 and a page), the requests waiting for the office, with their codes.
 */
export const approveCommand: CommandSpec = {
  name: "approve",
  aliases: ["批准", "审核通过"],
  params: [
    { name: "request", keys: ["申请"], optional: true },
    { name: "page", keys: ["页"], optional: true },
  ],
  roles: ["admin"],
  text: { summary: "approveSummary", usage: "approveUsage", example: "approveExample" },
  async run(ctx, args) {
    const listing = args.request === undefined || LIST_WORDS.includes(args.request.toLowerCase());
    if (!listing && args.page === undefined)
      return decideByCommand(ctx, args.request ?? "", { decision: "approved" });
    if (!listing)
      return answerArgProblem(
        ctx,
        approveCommand,
        reject("extra-word", m("approveExtraWord", { written: args.page })),
      );
    const page = readPage(args.page);
    if (!page.ok) return answerArgProblem(ctx, approveCommand, page);
    return listPendingRequests(ctx, page.value);
  },
};
