import type { ProgressReport } from "../store/progress-report.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import type { WorkflowState } from "./workflow-state.js";

/** The unit's state from its progress records (签收 included) and its completion requests. */
export function deriveWorkflowState(
  records: readonly Pick<ProgressReport, "status">[],
  requests: readonly Pick<WorkflowRequest, "kind" | "status">[],
): WorkflowState {
  const completions = requests.filter((r) => r.kind === "completion");
  if (completions.some((r) => r.status === "approved")) return "completed";
  if (completions.some((r) => r.status === "pending")) return "completion-requested";
  // A returned request also means the unit has been at work on the task.
  if (records.length > 0 || completions.length > 0) return "in-progress";
  return "awaiting-ack";
}
