import type { WorkflowRequest } from "../store/workflow-request.js";

type Closing = Pick<WorkflowRequest, "id" | "kind" | "status" | "undoes">;

/**
 * The approved completion that closes a unit's part, if one does: approved, and not undone by an
 * approved reopening (/reopen) naming it. `requests` are the unit's (or more: a reopening names
 * its completion by id). Every reader of "已办结" asks this, so a reopening reaches them all.
 */
export function completionInForce<R extends Closing>(requests: readonly R[]): R | undefined {
  const undone = reopened(requests);
  return requests.find((r) => r.kind === "completion" && r.status === "approved" && !undone.has(r.id));
}

/** The ids of the completions the office has reopened. */
export function reopened(requests: readonly Closing[]): ReadonlySet<string> {
  return new Set(
    requests.flatMap((r) =>
      r.kind === "reopening" && r.status === "approved" && r.undoes ? [r.undoes] : [],
    ),
  );
}
