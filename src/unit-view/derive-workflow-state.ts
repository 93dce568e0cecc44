import type { ProgressReport } from "../store/progress-report.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { completionInForce } from "./completion-in-force.js";
import type { WorkflowState } from "./workflow-state.js";

/**
 * The unit's state from its progress records (签收 included) and its completion requests; an
 * approved completion the office has reopened (/reopen) no longer closes the unit's part.
 */
export function deriveWorkflowState(
  records: readonly Pick<ProgressReport, "status">[],
  requests: readonly Pick<WorkflowRequest, "id" | "kind" | "status" | "undoes">[],
): WorkflowState {
  const completions = requests.filter((r) => r.kind === "completion");
  if (completionInForce(requests)) return "completed";
  if (completions.some((r) => r.status === "pending")) return "completion-requested";
  // A returned or reopened request also means the unit has been at work on the task.
  if (records.length > 0 || completions.length > 0) return "in-progress";
  return "awaiting-ack";
}
