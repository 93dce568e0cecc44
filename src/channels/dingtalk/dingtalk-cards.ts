import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { CardUpdateRequest, SendResult } from "../channel.js";
import { checkCardUpdate, checkMessage, describeProblem } from "../check-message.js";
import type { Card } from "../message.js";
import { ACTION_CARD_LIMITS, type LinkButton, linksFit, renderActionCard } from "./dingtalk-action-card.js";
import {
  actionLinkKey,
  actionLinkUrl,
  cardNonce,
  DINGTALK_LINK_TTL_MS,
  signActionLink,
} from "./dingtalk-action-link.js";
import { renderCardAsMarkdown } from "./dingtalk-card-markdown.js";
import {
  CARD_BUTTON_SLOTS,
  cardParamMap,
  closedCardParamMap,
  outTrackIdFor,
} from "./dingtalk-card-params.js";
import { createAndDeliverCall, deliveryProblem, updateCardCall } from "./dingtalk-card-request.js";
import { failureFields, type RobotDeps, sendToGroup, sendToUsers } from "./dingtalk-card-robot.js";
import type { DingtalkConfig } from "./dingtalk-config.js";
import {
  type DingtalkApi,
  type DingtalkCards,
  type DingtalkTarget,
  dingtalkTarget,
  sendResultOf,
} from "./dingtalk-contracts.js";

/**
 * How cards reach people, by configuration:
 * - `interactive`: a card template is configured: 互动卡片高级版 whose clicks come back over Stream;
 * - `links`: a public address but no template: ActionCards whose buttons open signed per-person
 *   links to this service (groups get the card as markdown: anyone in a group could open a link);
 * - `markdown`: neither: the card as markdown with the lines that say how to answer by typing.
 */
export type DingtalkCardsMode = "interactive" | "links" | "markdown";

export function dingtalkCardsMode(config: Pick<DingtalkConfig, "cardTemplateId" | "publicBaseUrl">) {
  if (config.cardTemplateId) return "interactive" as const;
  return config.publicBaseUrl ? ("links" as const) : ("markdown" as const);
}

/** The buttons one card shows in each mode: an ActionCard has at most five (dingtalk-action-card.ts). */
export function cardButtonsIn(mode: DingtalkCardsMode): number {
  return mode === "links" ? ACTION_CARD_LIMITS.buttons : CARD_BUTTON_SLOTS;
}

export interface DingtalkCardsDeps {
  config: DingtalkConfig;
  api: DingtalkApi;
  clock: Clock;
  logger: Logger;
  /** How long a link records a choice; default a week (DINGTALK_LINK_TTL_MS). */
  linkTtlMs?: number;
}

export type DingtalkCardsWithMode = DingtalkCards & { readonly mode: DingtalkCardsMode };

type UserTarget = Extract<DingtalkTarget, { kind: "user" }>;
type GroupTarget = Extract<DingtalkTarget, { kind: "group" }>;
type SendRequest = Parameters<DingtalkCards["send"]>[0];

export function createDingtalkCards(deps: DingtalkCardsDeps): DingtalkCardsWithMode {
  const { config, api, clock } = deps;
  const logger = deps.logger.child({ part: "dingtalk-cards" });
  const mode = dingtalkCardsMode(config);
  const robot: RobotDeps = { api, robotCode: config.robotCode, logger };
  const linkKey = actionLinkKey(config.clientSecret);
  const linkTtlMs = deps.linkTtlMs ?? DINGTALK_LINK_TTL_MS;

  async function sendInteractive(request: SendRequest, target: DingtalkTarget, templateId: string) {
    const outTrackId = outTrackIdFor(request.cardId, target);
    const answer = await api.call(
      createAndDeliverCall({
        cardTemplateId: templateId,
        robotCode: config.robotCode,
        outTrackId,
        target,
        params: cardParamMap(request.card),
        alert: request.card.title,
      }),
    );
    if (!answer.ok) {
      logger.warn("DingTalk refused an interactive card", {
        cardId: request.cardId,
        ...failureFields(answer.failure),
      });
      return sendResultOf(answer.failure);
    }
    const problem = deliveryProblem(answer.body);
    if (problem !== undefined) {
      logger.warn("DingTalk did not deliver an interactive card", { cardId: request.cardId, problem });
      return {
        status: "permanent-error",
        reason: message("dingtalk-cards", "cardNotDelivered", { detail: problem }),
      } satisfies SendResult;
    }
    // The outTrackId is both the card's id on DingTalk and what a later update needs.
    return { status: "sent", platformMessageId: outTrackId, updateToken: outTrackId } satisfies SendResult;
  }

  /** One ActionCard per person: each person's links are their own. */
  async function sendWithLinks(request: SendRequest, target: UserTarget, publicBaseUrl: string) {
    const { card, cardId } = request;
    const nonce = cardNonce(linkKey, {
      idempotencyKey: request.idempotencyKey,
      cardId,
      userId: target.userId,
    });
    const expiresAtMs = clock.now().getTime() + linkTtlMs;
    if (card.buttons.length > ACTION_CARD_LIMITS.buttons)
      logger.info("an ActionCard shows five buttons: the rest were left off", {
        cardId,
        dropped: card.buttons.slice(ACTION_CARD_LIMITS.buttons).map((b) => b.key),
      });
    const buttons: LinkButton[] = card.buttons.slice(0, ACTION_CARD_LIMITS.buttons).map((button) => ({
      text: button.text,
      url: actionLinkUrl(
        publicBaseUrl,
        signActionLink(
          { cardId, actionKey: button.key, choice: button.text, userId: target.userId, expiresAtMs, nonce },
          linkKey,
        ),
      ),
    }));
    if (buttons.length === 0) return sendAsMarkdown(card, [target]);
    if (!linksFit(buttons)) {
      // Still delivered, as markdown: a cut link would open nothing.
      logger.warn("a card's links exceed DingTalk's 500 characters: sent as markdown", { cardId });
      return sendAsMarkdown(card, [target]);
    }
    return sendToUsers([target], renderActionCard(card, buttons), robot);
  }

  async function sendAsMarkdown(card: Card, targets: readonly UserTarget[]) {
    const { title, text } = renderCardAsMarkdown(card);
    return sendToUsers(targets, { msgKey: "sampleMarkdown", msgParam: { title, text } }, robot);
  }

  function sendGroupMarkdown(card: Card, target: GroupTarget): Promise<SendResult> {
    const { title, text } = renderCardAsMarkdown(card, { group: true });
    return sendToGroup(target, { msgKey: "sampleMarkdown", msgParam: { title, text } }, robot);
  }

  async function send(request: SendRequest): Promise<Map<string, SendResult>> {
    const results = new Map<string, SendResult>();
    const problem = checkMessage({ kind: "card", card: request.card }, request.cardId);
    if (problem) {
      const reason = describeProblem(problem);
      for (const target of request.targets)
        results.set(target.personId, { status: "permanent-error", reason });
      return results;
    }
    const users = request.targets.filter((t): t is UserTarget => t.kind === "user");
    const groups = request.targets.filter((t): t is GroupTarget => t.kind === "group");
    const put = (personId: string) => (result: SendResult) => void results.set(personId, result);
    const merge = (map: Map<string, SendResult>) => {
      for (const [personId, result] of map) results.set(personId, result);
    };
    if (config.cardTemplateId) {
      const templateId = config.cardTemplateId;
      await Promise.all(
        request.targets.map((t) => sendInteractive(request, t, templateId).then(put(t.personId))),
      );
      return results;
    }
    const tasks: Promise<void>[] = groups.map((g) =>
      sendGroupMarkdown(request.card, g).then(put(g.personId)),
    );
    if (config.publicBaseUrl) {
      const base = config.publicBaseUrl;
      tasks.push(...users.map((u) => sendWithLinks(request, u, base).then(merge)));
    } else if (users.length > 0) {
      tasks.push(sendAsMarkdown(request.card, users).then(merge));
    }
    await Promise.all(tasks);
    return results;
  }

  async function update(request: CardUpdateRequest): Promise<SendResult> {
    const problem = checkCardUpdate(request.cardId, request.update);
    if (problem) return { status: "permanent-error", reason: describeProblem(problem) };
    const target = dingtalkTarget(request.recipient);
    if (!config.cardTemplateId) return updateByResending(request, target);
    // The callback carries the outTrackId; without it, it is rebuilt the way send made it.
    const outTrackId = request.updateToken ?? (target ? outTrackIdFor(request.cardId, target) : undefined);
    if (outTrackId === undefined)
      return { status: "invalid-recipient", reason: message("dingtalk-cards", "noDingtalkAccount") };
    const params =
      request.update.kind === "close"
        ? closedCardParamMap(request.update.label)
        : cardParamMap(request.update.card);
    const answer = await api.call<{ success?: boolean; result?: boolean }>(
      updateCardCall(outTrackId, params),
    );
    if (!answer.ok) {
      logger.warn("DingTalk refused to update the card", {
        cardId: request.cardId,
        ...failureFields(answer.failure),
      });
      return sendResultOf(answer.failure);
    }
    if (answer.body?.success === false || answer.body?.result === false) {
      logger.warn("DingTalk did not update the card", { cardId: request.cardId });
      return { status: "permanent-error", reason: message("dingtalk-cards", "cardNotUpdated") };
    }
    return { status: "sent", platformMessageId: outTrackId, updateToken: outTrackId };
  }

  /**
   * A robot message cannot be changed once sent. A close has nothing to do (the link spent by the
   * click records nothing more); a replace goes out as a new card under a new id, as WeCom's does
   * when its update code is spent.
   */
  async function updateByResending(
    request: CardUpdateRequest,
    target: DingtalkTarget | undefined,
  ): Promise<SendResult> {
    if (request.update.kind === "close")
      return { status: "permanent-error", reason: message("dingtalk-cards", "cardNotUpdatable") };
    if (!target)
      return { status: "invalid-recipient", reason: message("dingtalk-cards", "noDingtalkAccount") };
    const newCardId = `${request.cardId}-r${clock.now().getTime().toString(36)}`;
    const results = await send({
      targets: [target],
      card: request.update.card,
      cardId: newCardId,
      idempotencyKey: newCardId,
    });
    const result = results.get(target.personId) ?? {
      status: "transient-error",
      reason: message("dingtalk-cards", "cardNotDelivered", { detail: "no result" }),
    };
    return result.status === "sent" ? { ...result, newCardId } : result;
  }

  return { mode, send, update };
}
