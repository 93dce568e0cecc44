import type { Turn } from "../conversation/turn.js";
import { assessUnit } from "../lights/assess-unit.js";
import type { WorkflowRequest } from "../store/workflow-request.js";
import { loadUnitView } from "../unit-view/load-unit-view.js";
import { renderDecisionCard } from "./render-decision-card.js";
import { sendAdminCards } from "./send-admin-cards.js";
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
  const card = renderDecisionCard(request, view, { light, requesterName, limits: turn.deps.limits });
  return sendAdminCards(turn, {
    key: `decision/${request.id}`,
    card,
    about: { taskNo: request.taskNo, unit: request.unit, cycle, requestId: request.id },
    meta: { kind: "decision", task: request.taskNo, unit: request.unit, request: request.id },
  });
}
