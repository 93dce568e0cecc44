import type { Turn } from "../conversation/turn.js";
import type { NewWorkflowRequest, WorkflowRequest } from "../store/workflow-request.js";
import { requestIdFor } from "./request-id.js";

/**
 * Stores a completion or extension request from the person of the turn, pending the office's
 * decision, and logs it (`request.created`) with `details` added to what the request says.
 */
export async function createRequest(
  turn: Turn,
  fields: Pick<NewWorkflowRequest, "taskNo" | "unit" | "newDeadline" | "reason"> & {
    kind: "completion" | "extension";
  },
  details: Record<string, unknown>,
): Promise<WorkflowRequest> {
  const request = await turn.deps.store.requests.create({
    ...fields,
    id: requestIdFor(fields.kind, fields.taskNo, turn.event),
    requestedBy: turn.person.personId,
    requestedAt: turn.at,
  });
  await turn.deps.store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: "request.created",
    taskNo: fields.taskNo,
    unit: fields.unit,
    details: { ...fields, ...details, requestId: request.id, event: turn.event.eventId },
  });
  return request;
}
