import { plainDate } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import { businessDate } from "../shared/clock.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { message } from "../templates/template-store.js";

const LABEL = { approved: "decisionApproved", returned: "decisionReturned", rejected: "decisionRejected" };

/** "该申请已由袁振华于2021年12月20日处理（批准）". */
export async function answerDecided(turn: Turn, request: WorkflowRequest): Promise<void> {
  const decision = request.decision;
  if (!decision) return;
  await turn.answer(
    message("workflow", "alreadyDecided", {
      name: turn.deps.people.byId(decision.decidedBy)?.name ?? decision.decidedBy,
      when: plainDate(businessDate(new Date(decision.decidedAt))),
      decision: message("workflow", LABEL[decision.decision]),
    }),
  );
}
