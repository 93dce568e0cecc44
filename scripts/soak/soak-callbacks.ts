import { readWecomInbound } from "../../src/channels/wecom/wecom-inbound.js";
import { toInboundEvent } from "../../src/channels/wecom/wecom-inbound-event.js";
import { V1_ENV } from "../../test/fixtures/wecom/vectors.js";
import { sealWecomCallback } from "../../test/helpers/wecom-request.js";

/** A callback as WeCom posts it, and the inbox key the service files it under. */
export interface SealedCallback {
  path: string;
  body: string;
  /** What the service's dedupe and answers are keyed by (`answer/wecom/<eventId>/<n>`). */
  eventId: string;
}

const KEYS = {
  corpId: V1_ENV.WECOM_CORP_ID,
  token: V1_ENV.WECOM_TOKEN,
  aesKey: V1_ENV.WECOM_AES_KEY,
  agentId: Number(V1_ENV.WECOM_AGENT_ID),
};

let nonce = 0;

/** A text `user` typed in the app chat, written at `createTimeS` (the service's clock). */
export function textCallback(user: string, msgId: string, text: string, createTimeS: number): SealedCallback {
  return seal(
    `<xml><ToUserName><![CDATA[${KEYS.corpId}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName>` +
      `<CreateTime>${createTimeS}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
      `<Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId>` +
      `<AgentID>${KEYS.agentId}</AgentID></xml>`,
  );
}

/** A click on a button of the template card WeCom shows `user` under `taskId`. */
export function clickCallback(
  user: string,
  taskId: string,
  eventKey: string,
  responseCode: string,
  createTimeS: number,
): SealedCallback {
  return seal(
    `<xml><ToUserName><![CDATA[${KEYS.corpId}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName>` +
      `<CreateTime>${createTimeS}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${eventKey}]]></EventKey>` +
      `<TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>` +
      `<ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>${KEYS.agentId}</AgentID></xml>`,
  );
}

/**
 * Signs and encrypts `plain` with the V1 keys the service runs with. The event id is worked out by
 * the service's own reading of the message, so the soak matches answers to callbacks as it does.
 */
function seal(plain: string): SealedCallback {
  const event = toInboundEvent(readWecomInbound(plain));
  if (event === undefined) throw new Error("soak: built a callback the service does not act on");
  const sealed = sealWecomCallback(plain, KEYS, {
    timestamp: String(Math.floor(Date.now() / 1000)),
    nonce: `soak${++nonce}`,
  });
  return { path: `/wecom/callback?${sealed.search}`, body: sealed.body, eventId: event.eventId };
}
