import type { WorkflowRequest } from "../store/workflow-request.js";

/**
 * A unit's deadline in force: the new deadline of the approved extension decided last, else the
 * task's own. The last decision wins, not the latest date, so that the office can set a deadline
 * back (/extend to an earlier date undoes an /extend); a unit's own request is always for a later
 * date than the one in force, so for those the two agree. `requests` are the unit's, in the order
 * created (as the store lists them).
 */
export function deadlineInForce(
  taskDeadline: string,
  requests: readonly Pick<WorkflowRequest, "kind" | "status" | "newDeadline" | "decision">[],
): string {
  let deadline = taskDeadline;
  let decidedAt = "";
  for (const request of requests) {
    if (request.kind !== "extension" || request.status !== "approved" || !request.newDeadline) continue;
    const at = request.decision ? Date.parse(request.decision.decidedAt) : 0;
    const last = decidedAt === "" ? Number.NEGATIVE_INFINITY : Date.parse(decidedAt);
    if (at >= last) {
      deadline = request.newDeadline;
      decidedAt = request.decision?.decidedAt ?? decidedAt;
    }
  }
  return deadline;
}
