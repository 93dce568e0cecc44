import { plainDate } from "../calendar/format-dates.js";
import type { Turn } from "../conversation/turn.js";
import type { OutboxPayload } from "../delivery/outbox-payload.js";
import { shortTitle } from "../registry/short-title.js";
import type { Decision, WorkflowRequest } from "../store/workflow-request.js";
import { messages } from "../templates/template-store.js";
import { deadlineInForce } from "../unit-view/deadline-in-force.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import { answerDecided } from "./answer-decided.js";
import type { TaskContext } from "./task-context.js";

const m = messages("workflow");
const CONFIRM = { approved: "decidedApproved", returned: "decidedReturned", rejected: "decidedRejected" };
const NOTICE = { approved: "noticeApproved", returned: "noticeReturned", rejected: "noticeRejected" };

/**
 * Records an admin's decision, once (two admins at once: exactly one wins, the other is told who
 * decided), then logs it, confirms it to the admin and tells the requester. An approved completion
 * closes the unit's part (the ladder stops); an approved extension moves its deadline, which the
 * ladder and the lights read from the approved requests; a return puts the unit back to 推进中.
 * Neither approval is final: the answer names the command that undoes it (/reopen, /extend).
 */
export async function applyDecision(
  turn: Turn,
  context: TaskContext,
  request: WorkflowRequest,
  choice: { decision: Decision["decision"]; note?: string },
): Promise<void> {
  const { store, people } = turn.deps;
  const result = await store.requests.decide(request.id, {
    decision: choice.decision,
    decidedBy: turn.person.personId,
    decidedAt: turn.at,
    ...(choice.note ? { note: choice.note } : {}),
  });
  if (!result.decided) return answerDecided(turn, result.request);
  const view = await loadUnitView(store, context.task, request.unit, context.assignments);
  const extension = request.kind === "extension";
  await store.audit.append({
    at: turn.at,
    actor: turn.person.personId,
    action: `request.${choice.decision}`,
    taskNo: request.taskNo,
    unit: request.unit,
    person: request.requestedBy,
    details: {
      kind: request.kind,
      requestId: request.id,
      ...(choice.note ? { note: choice.note } : {}),
      ...(extension
        ? { newDeadline: request.newDeadline, deadline: view.deadline, extensions: view.extensions }
        : {}),
      event: turn.event.eventId,
    },
  });
  const words = {
    taskNo: request.taskNo,
    shortTitle: shortTitle(context.task),
    unit: request.unit,
    note: choice.note ?? "",
    deadline: plainDate(view.deadline),
    newDeadline: request.newDeadline ? plainDate(request.newDeadline) : "",
    count: view.extensions,
    // The deadline before this decision, for the /extend that moves it back.
    previous: deadlineInForce(
      context.task.deadline,
      view.requests.filter((r) => r.id !== request.id),
    ),
  };
  const approvedExtension = extension && choice.decision === "approved";
  await turn.answer(m(approvedExtension ? "decidedExtended" : CONFIRM[choice.decision], words));
  const notice = m(approvedExtension ? "noticeExtended" : NOTICE[choice.decision], words);
  const requester = people.byId(request.requestedBy);
  const to = requester ? [requester] : people.ofUnit(request.unit, "contact");
  for (const person of to) {
    const channel = turn.deps.channelFor(person);
    if (!channel) continue;
    const payload: OutboxPayload = {
      message: { kind: "text", text: notice },
      meta: { kind: "decision-notice", task: request.taskNo, unit: request.unit, request: request.id },
    };
    await store.outbox.enqueue({
      idempotencyKey: `decided/${request.id}/${person.personId}`,
      channel,
      recipient: person.personId,
      payload,
      notBefore: turn.at,
      createdAt: turn.at,
    });
  }
}
