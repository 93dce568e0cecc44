import type { OutboxPayload } from "../delivery/outbox-payload.js";
import type { Turn } from "../inbound/inbound-deps.js";
import { assessUnit } from "../lights/assess-unit.js";
import { loadUnitView } from "../progress/load-unit-view.js";
import { cardIdFor } from "../reminders/reminder-sweep.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { renderDecisionCard } from "./render-decision-card.js";
import type { TaskContext } from "./task-context.js";

/**
 * Puts the decision card for a new request to every admin of the office, and records each card
 * with the request's id, so that a click on it is read as a decision. Not immediate: the office
 * decides in working hours. Keyed decision/<request>/<admin>: a retry sends nothing twice.
 */
export async function sendDecisionCards(
  turn: Turn,
  context: TaskContext,
  request: WorkflowRequest,
  cycle: string,
): Promise<number> {
  const { store, people } = turn.deps;
  const view = await loadUnitView(store, context.task, request.unit, context.assignments);
  const light = assessUnit(view, { date: turn.date, start: context.start, year: context.year }, turn.deps);
  const requesterName = people.byId(request.requestedBy)?.name ?? request.requestedBy;
  const card = renderDecisionCard(request, view, { light, requesterName });
  let sent = 0;
  for (const admin of people.admins()) {
    const channel = turn.deps.channelFor(admin);
    if (!channel) continue;
    const idempotencyKey = `decision/${request.id}/${admin.personId}`;
    const cardId = cardIdFor(idempotencyKey);
    // The card is known before it can be clicked.
    await store.cards.put({
      cardId,
      channel,
      taskNo: request.taskNo,
      unit: request.unit,
      cycle,
      recipient: admin.personId,
      requestId: request.id,
      createdAt: turn.at,
    });
    const payload: OutboxPayload = {
      message: { kind: "card", card },
      cardId,
      meta: { kind: "decision", task: request.taskNo, unit: request.unit, request: request.id },
    };
    const { created } = await store.outbox.enqueue({
      idempotencyKey,
      channel,
      recipient: admin.personId,
      payload,
      notBefore: turn.at,
      createdAt: turn.at,
    });
    if (created) sent++;
  }
  return sent;
}
