import type { Turn } from "../conversation/turn.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { readTaskRef } from "./args/read-task-ref.js";

/** What a request reference found. */
export type RequestLookup =
  | { kind: "found"; request: WorkflowRequest }
  /** Nothing pending matches: `taskNo` when the reference was a task number. */
  | { kind: "none"; taskNo?: number }
  /** Several pending requests match: the person must name one. */
  | { kind: "several"; requests: WorkflowRequest[]; taskNo?: number };

/** The digest part of a request id (request-id.ts): "completion-52-3fa9c1d2e4b7" → "3fa9c1d2e4b7". */
export const requestCode = (request: Pick<WorkflowRequest, "id">): string =>
  request.id.split("-").at(-1) ?? request.id;

/** Hex digits enough to tell requests apart: at least four, as in "3fa9". */
const CODE = /^[0-9a-f]{4,}$/;

/**
 * The request a command names: its full id (whatever its kind and status, so that a request
 * decided already is answered as such); else, among the pending requests of the `kinds` the
 * command decides, the start of its code ("3fa9c1"), or a task number (52, 第52项) when only one
 * request on the task waits for the office.
 */
export async function findRequest(
  turn: Turn,
  reference: string,
  kinds: readonly WorkflowRequest["kind"][],
): Promise<RequestLookup> {
  const { requests } = turn.deps.store;
  const word = reference.normalize("NFKC").trim();
  // Named in full, a request of another kind is found too, so the answer can say which command fits.
  // A reopening (/reopen) is the office's own act, never decided by command: not a request here.
  const exact = await requests.get(word);
  if (exact && exact.kind !== "reopening") return { kind: "found", request: exact };
  const pending = (await requests.list({ status: "pending" })).filter((r) => kinds.includes(r.kind));
  const code = word.toLowerCase();
  if (CODE.test(code)) {
    const matching = pending.filter((r) => requestCode(r).startsWith(code));
    if (matching.length > 0) return pick(matching);
  }
  const task = readTaskRef(word);
  if (!task.ok) return { kind: "none" };
  return pick(
    pending.filter((r) => r.taskNo === task.value),
    task.value,
  );
}

function pick(requests: WorkflowRequest[], taskNo?: number): RequestLookup {
  const [only] = requests;
  const about = taskNo === undefined ? {} : { taskNo };
  if (!only) return { kind: "none", ...about };
  return requests.length === 1 ? { kind: "found", request: only } : { kind: "several", requests, ...about };
}
