import { createHash } from "node:crypto";
import type { InboundEvent } from "../channel.js";
import type { WecomInbound } from "./wecom-inbound.js";
import { decodeTaskId } from "./wecom-task-id.js";

/**
 * A decrypted app message as the neutral event, or undefined for what Duban does not act on
 * (enter_agent, subscribe, images, menu clicks…).
 *
 * eventId is the dedupe key, identical on every retry of one delivery (brief §2.2):
 * - a text: its MsgId ("有msgid的消息推荐使用msgid排重");
 * - a card click: FromUserName + CreateTime, which the docs recommend for events, plus TaskId,
 *   EventKey and ResponseCode, because two clicks in the same second must both count
 *   (WxJava#1745): the ResponseCode is fresh for every click. Hashed to keep the key short,
 *   since EventKey alone may be 1024 bytes.
 */
export function toInboundEvent(inbound: WecomInbound): InboundEvent | undefined {
  const at = toIso(inbound.createTime);
  if (inbound.kind === "text") {
    return {
      kind: "text",
      eventId: `wecom:msg:${inbound.msgId}`,
      channel: "wecom",
      from: inbound.fromUserName,
      text: inbound.content,
      at,
    };
  }
  if (inbound.kind === "template_card_event") {
    const parts = [
      inbound.fromUserName,
      inbound.createTime,
      inbound.taskId,
      inbound.eventKey,
      inbound.responseCode,
    ];
    const digest = createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 32);
    return {
      kind: "card-action",
      eventId: `wecom:card:${digest}`,
      channel: "wecom",
      from: inbound.fromUserName,
      cardId: decodeTaskId(inbound.taskId),
      actionKey: inbound.eventKey,
      at,
      ...(inbound.responseCode ? { updateToken: inbound.responseCode } : {}),
    };
  }
  return undefined;
}

/** CreateTime is Unix seconds as sent; anything else falls back to the epoch rather than throwing. */
function toIso(createTime: string): string {
  const seconds = /^[0-9]{1,12}$/.test(createTime) ? Number(createTime) : 0;
  return new Date(seconds * 1000).toISOString();
}
