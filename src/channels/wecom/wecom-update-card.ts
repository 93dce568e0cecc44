import type { Recipient } from "../../directory/recipient.js";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { CardUpdateRequest, SendRequest, SendResult } from "../channel.js";
import { checkCardUpdate, describeProblem } from "../check-message.js";
import type { Card } from "../message.js";
import type { WecomApi } from "./wecom-api.js";
import { WecomApiError } from "./wecom-api-error.js";
import { isCardProblem, renderWecomCard } from "./wecom-card.js";
import { toSendFailure } from "./wecom-send-failure.js";
import { encodeTaskId } from "./wecom-task-id.js";

export interface UpdateCardDeps {
  api: WecomApi;
  clock: Clock;
  logger: Logger;
  send(request: SendRequest): Promise<Map<string, SendResult>>;
}

const UPDATE = "message/update_template_card";

/**
 * The answers that mean "this response_code can no longer be used". WeCom documents no errcode of
 * its own for a spent or expired code (each is single use and lives 72 h, Doc 94888/94945); these
 * are the global codes that fit: 42022 code已经被使用过, 42016 更新的task_id不存在 [unconfirmed].
 */
const CODE_UNUSABLE = new Set([42022, 42016]);

/**
 * Changes the card `cardId` for one member with update_template_card and the click's
 * ResponseCode (Doc 94888). A close sets `button.replace_name`: the card stays as it was and its
 * buttons become one disabled button with the label, which WeCom allows for the button cards
 * Duban sends (a click only comes from one). A replace sends the whole new card; without a usable
 * code it is sent as a new message instead, under a new card id (a task_id is never reusable),
 * and the result's `newCardId` says so. A close without a usable code has nothing to fall back
 * on: a card with no buttons and no link cannot be sent, and the click has been answered anyway.
 */
export async function updateWecomCard(request: CardUpdateRequest, deps: UpdateCardDeps): Promise<SendResult> {
  const userId = request.recipient.accounts.wecom;
  if (!userId) return { status: "invalid-recipient", reason: message("wecom", "noWecomUserId") };
  const problem = checkCardUpdate(request.cardId, request.update);
  if (problem) return { status: "permanent-error", reason: describeProblem(problem) };
  const taskId = encodeTaskId(request.cardId);
  if (taskId === undefined) return { status: "permanent-error", reason: describeProblem("cardIdTooLong") };
  const { update } = request;
  if (update.kind === "close") {
    if (!request.updateToken) return { status: "permanent-error", reason: message("wecom", "cardNoCode") };
    try {
      await deps.api.post(UPDATE, {
        userids: [userId],
        agentid: deps.api.agentId,
        response_code: request.updateToken,
        button: { replace_name: update.label },
      });
      return { status: "sent", platformMessageId: taskId };
    } catch (error) {
      logFailure(deps.logger, request.cardId, error);
      return toSendFailure(error, 60_000);
    }
  }
  const templateCard = renderWecomCard(update.card, taskId);
  if (isCardProblem(templateCard))
    return { status: "permanent-error", reason: describeProblem(templateCard) };
  if (request.updateToken) {
    try {
      await deps.api.post(UPDATE, {
        userids: [userId],
        agentid: deps.api.agentId,
        response_code: request.updateToken,
        // Same task_id as the card it replaces, so later clicks still name that card [unconfirmed].
        template_card: templateCard,
      });
      return { status: "sent", platformMessageId: taskId };
    } catch (error) {
      if (!(error instanceof WecomApiError && CODE_UNUSABLE.has(error.errcode))) {
        logFailure(deps.logger, request.cardId, error);
        return toSendFailure(error, 60_000);
      }
      deps.logger.info("WeCom card update code is spent or expired; sending a new card", {
        errcode: error.errcode,
      });
    }
  }
  return sendAsNewCard({ ...request, card: update.card }, deps);
}

/** WeCom's own words for the failure: the errcode, its errmsg and the operator hint when known. */
function logFailure(logger: Logger, cardId: string, error: unknown): void {
  if (error instanceof WecomApiError) {
    logger.warn("WeCom refused to update the card", {
      cardId,
      errcode: error.errcode,
      errmsg: error.errmsg,
      ...(error.hint ? { hint: error.hint } : {}),
    });
  } else {
    logger.warn("WeCom could not be reached to update the card", {
      cardId,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

async function sendAsNewCard(
  request: { cardId: string; recipient: Recipient; card: Card },
  deps: UpdateCardDeps,
): Promise<SendResult> {
  const newCardId = `${request.cardId}-r${deps.clock.now().getTime().toString(36)}`;
  const results = await deps.send({
    idempotencyKey: newCardId,
    recipients: [request.recipient],
    message: { kind: "card", card: request.card },
    cardId: newCardId,
  });
  const result = results.get(request.recipient.personId);
  // send answers for every recipient it was given; the fallback only satisfies the type checker.
  if (result === undefined)
    return { status: "transient-error", reason: message("wecom", "unreachable", { detail: "no result" }) };
  return result.status === "sent" ? { ...result, newCardId } : result;
}
