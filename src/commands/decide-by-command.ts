import { plainDate } from "../calendar/format-dates.js";
import type { PeopleIndex } from "../directory/people.js";
import { businessDate } from "../shared/clock.js";
import type { Decision, WorkflowRequest } from "../store/workflow-request.js";
import { message, messages } from "../templates/template-store.js";
import { answerDecided } from "../workflow/answer-decided.js";
import { applyDecision } from "../workflow/apply-decision.js";
import { loadTaskContext } from "../workflow/load-task-context.js";
import type { CommandContext } from "./command-context.js";
import type { CommandOutcome } from "./command-spec.js";
import { findRequest, requestCode } from "./find-request.js";
import { pageText } from "./page-text.js";

const m = messages("commands");

/** Which requests each decision applies to, as on the decision cards: 退回 a completion, 不予批准 an extension. */
const KINDS: Record<Decision["decision"], readonly WorkflowRequest["kind"][]> = {
  approved: ["completion", "extension"],
  returned: ["completion"],
  rejected: ["extension"],
};

/**
 * /approve, /return and /reject: finds the request the admin named and decides it through the
 * workflow's own applyDecision, as the decision card's buttons do: the same record, audit entry,
 * confirmation and notice to the requester; a request decided already (by a card or another
 * admin) is answered with who decided it.
 */
export async function decideByCommand(
  { turn }: CommandContext,
  reference: string,
  choice: { decision: Decision["decision"]; note?: string },
): Promise<CommandOutcome> {
  const found = await findRequest(turn, reference, KINDS[choice.decision]);
  if (found.kind === "none") {
    await turn.answer(
      found.taskNo === undefined
        ? m("requestNotFound", { reference })
        : m("requestNoneOnTask", { taskNo: found.taskNo }),
    );
    return { result: "not-found", ...(found.taskNo !== undefined ? { taskNo: found.taskNo } : {}) };
  }
  if (found.kind === "several") {
    await turn.answer(
      m("requestSeveral", {
        count: found.requests.length,
        items: found.requests.map((r) => describeRequest(turn.deps.people, r)),
      }),
    );
    return {
      result: "ambiguous",
      details: { requests: found.requests.map((r) => r.id) },
      ...(found.taskNo !== undefined ? { taskNo: found.taskNo } : {}),
    };
  }
  const { request } = found;
  const about = { taskNo: request.taskNo, unit: request.unit };
  if (!KINDS[choice.decision].includes(request.kind)) {
    await turn.answer(m(request.kind === "completion" ? "requestIsCompletion" : "requestIsExtension", about));
    return { result: "wrong-kind", details: { requestId: request.id, kind: request.kind }, ...about };
  }
  if (request.status !== "pending") {
    await answerDecided(turn, request);
    return {
      result: "already-decided",
      details: { requestId: request.id, status: request.status },
      ...about,
    };
  }
  const context = await loadTaskContext(turn.deps.store, turn.deps.directory, request.taskNo);
  if (!context) {
    await turn.answer(message("progress", "unknownTask", { taskNo: request.taskNo }));
    return { result: "unknown-task", details: { requestId: request.id }, ...about };
  }
  await applyDecision(turn, context, request, choice);
  // Another admin may have decided in the same instant: what the store holds now is the outcome.
  const after = await turn.deps.store.requests.get(request.id);
  const decidedHere = after?.decision?.decidedBy === turn.person.personId && after.status === choice.decision;
  return {
    result: decidedHere ? choice.decision : "already-decided",
    details: { requestId: request.id, kind: request.kind },
    ...about,
  };
}

/** The words that ask /approve for the list rather than name a request: /approve 列表 2. */
export const LIST_WORDS: readonly string[] = ["列表", "全部", "list"];

/** /approve without a request: every request waiting for the office, with the code that names it. */
export async function listPendingRequests({ turn }: CommandContext, page: number): Promise<CommandOutcome> {
  const pending = (await turn.deps.store.requests.list({ status: "pending" })).filter(
    (r) => r.kind !== "reopening",
  );
  if (pending.length === 0) {
    await turn.answer(m("requestsNone"));
    return { result: "answered", details: { pending: 0 } };
  }
  const answer = pageText({
    head: m("requestsHeader", { count: pending.length }),
    blocks: pending.map((r) => ({ text: `· ${describeRequest(turn.deps.people, r)}` })),
    page,
    limits: turn.deps.limits,
    command: "/approve 列表",
  });
  await turn.answer(answer.text);
  return { result: answer.outOfRange ? "no-such-page" : "answered", details: { pending: pending.length } };
}

/** "3fa9c1d2e4b7 第52项 区人社局 办结申请（徐勇，3月22日）". */
function describeRequest(people: PeopleIndex, request: WorkflowRequest): string {
  const view = {
    code: requestCode(request),
    taskNo: request.taskNo,
    unit: request.unit,
    by: people.byId(request.requestedBy)?.name ?? request.requestedBy,
    when: plainDate(businessDate(new Date(request.requestedAt))),
    newDeadline: request.newDeadline ? plainDate(request.newDeadline) : "",
    reason: request.reason ?? "",
  };
  return m(request.kind === "completion" ? "requestCompletionLine" : "requestExtensionLine", view);
}
