import type { CardParamMap } from "./dingtalk-card-params.js";
import type { DingtalkCall, DingtalkTarget } from "./dingtalk-contracts.js";

/**
 * The two card-platform calls (brief §4.3, dingtalk-card-examples' cardReplier.ts, @alicloud/
 * dingtalk card_1_0 CreateAndDeliverRequest): create-and-deliver one card instance into a person's
 * chat with the robot or into a group, and change it later by key. Both are metered.
 */

export const CREATE_AND_DELIVER = "/v1.0/card/instances/createAndDeliver";
export const UPDATE_CARD = "/v1.0/card/instances";

export interface CreateCardInput {
  cardTemplateId: string;
  robotCode: string;
  outTrackId: string;
  target: DingtalkTarget;
  params: CardParamMap;
  /** The notification's words (the card's title). */
  alert: string;
}

export function createAndDeliverCall(input: CreateCardInput): DingtalkCall {
  const { target } = input;
  const space =
    target.kind === "user"
      ? {
          openSpaceId: `dtv1.card//IM_ROBOT.${target.userId}`,
          // A forwarded card would carry the person's buttons to others: forwarding is off.
          imRobotOpenSpaceModel: { supportForward: false, notification: { alertContent: input.alert } },
          imRobotOpenDeliverModel: { spaceType: "IM_ROBOT", robotCode: input.robotCode },
        }
      : {
          openSpaceId: `dtv1.card//IM_GROUP.${target.openConversationId}`,
          imGroupOpenSpaceModel: { supportForward: false },
          imGroupOpenDeliverModel: { robotCode: input.robotCode },
        };
  return {
    method: "POST",
    path: CREATE_AND_DELIVER,
    metered: true,
    body: {
      cardTemplateId: input.cardTemplateId,
      outTrackId: input.outTrackId,
      // Clicks come back over the Stream connection (topic /v1.0/card/instances/callback).
      callbackType: "STREAM",
      cardData: { cardParamMap: input.params },
      ...space,
      userIdType: 1,
    },
  };
}

/** Changes only the variables given (updateCardDataByKey), leaving the rest of the card as it is. */
export function updateCardCall(outTrackId: string, params: CardParamMap): DingtalkCall {
  return {
    method: "PUT",
    path: UPDATE_CARD,
    metered: true,
    body: {
      outTrackId,
      cardData: { cardParamMap: params },
      cardUpdateOptions: { updateCardDataByKey: true },
      userIdType: 1,
    },
  };
}

/**
 * createAndDeliver answers `{success, result: {outTrackId, deliverResults: [{spaceType, spaceId,
 * success, errorMsg, carrierId}]}}` (@alicloud/dingtalk card_1_0). A delivery refused inside an
 * HTTP 200 is this error's text; undefined when the card was delivered.
 */
export function deliveryProblem(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const answer = body as { success?: unknown; result?: { deliverResults?: unknown } };
  const results = Array.isArray(answer.result?.deliverResults) ? answer.result.deliverResults : [];
  const failed = results.find(
    (r): r is { success: false; errorMsg?: unknown } =>
      typeof r === "object" && r !== null && (r as { success?: unknown }).success === false,
  );
  if (failed)
    return typeof failed.errorMsg === "string" && failed.errorMsg ? failed.errorMsg : "deliver failed";
  if (answer.success === false) return "success: false";
  return undefined;
}
