import { hash } from "node:crypto";
import { z } from "zod";
import type { InboundEvent } from "../channel.js";
import { type JsonReading, parseJson, problemOf } from "./dingtalk-json.js";

/** A button click as the neutral event. */
export type DingtalkCardEvent = Extract<InboundEvent, { kind: "card-action" }>;

/**
 * Why a card callback is not handed on, in words fixed here (log and metric values):
 * - `malformed`: not JSON, no outTrackId or userId, or `content` not the expected JSON string;
 * - `unknown-card`: an outTrackId that is not `<cardId>_<userTag>`, so not a card Duban sent;
 * - `no-action`: the button carries no `action` parameter (a template without 回传参数 action=…).
 */
export type CardCallbackRefusal = "malformed" | "unknown-card" | "no-action";

export type CardCallbackReading =
  | {
      kind: "action";
      event: DingtalkCardEvent;
      /** The card's id as the cards part sent it, and the tag of the person it was sent to. */
      cardId: string;
      userTag: string;
    }
  /** `problem` names the field, never its value. */
  | { kind: "refused"; reason: CardCallbackRefusal; problem: string };

// Only what Duban reads; corpId, spaceType, spaceId, userIdType, extension… are allowed and dropped.
const callback = z.object({
  outTrackId: z.string().min(1).max(256),
  userId: z.string().min(1).max(256),
  content: z.unknown().optional(),
  value: z.unknown().optional(),
});

const privateData = z.object({
  cardPrivateData: z.object({ params: z.record(z.string(), z.unknown()).optional() }),
});

/**
 * Reads the `data` of a Stream frame on topic `/v1.0/card/instances/callback` (brief §4.3):
 * `{"outTrackId", "userId", "content": "<JSON string>", …}` whose content holds
 * `cardPrivateData.params.action`, the constant the template's button sends. Never throws.
 *
 * outTrackId is built by the cards part as `${cardId}_${userTag}` (cardId from src/cards/card-id.ts,
 * a userTag without "_"), so it splits at its last "_". `from` is the clicker: the card may have
 * been forwarded, so whoever acts on the click checks that the clicker may answer for the task.
 * updateToken is the outTrackId, which `PUT /v1.0/card/instances` takes to change the card.
 *
 * eventId dedupes on outTrackId + clicker + the button's params (brief §2.1): a redelivered click
 * counts once, and the same person pressing the same button again is the same choice. `at` is
 * `now`, since the callback carries no time of its own.
 */
export function readCardCallback(data: string | Buffer, now: Date): CardCallbackReading {
  const json = parseJson(data, "the card callback");
  if (!json.ok) return refused("malformed", json.problem);
  const parsed = callback.safeParse(json.value);
  if (!parsed.success) return refused("malformed", problemOf(parsed.error));
  const { outTrackId, userId } = parsed.data;

  const split = outTrackId.lastIndexOf("_");
  const cardId = outTrackId.slice(0, Math.max(split, 0));
  const userTag = outTrackId.slice(split + 1);
  if (split < 0 || cardId === "" || userTag === "") {
    return refused("unknown-card", "outTrackId is not <cardId>_<userTag>");
  }

  // `content` is JSON inside JSON; the official samples show `value` carrying the same.
  const inner = parsed.data.content ?? parsed.data.value;
  const content: JsonReading =
    typeof inner === "string" ? parseJson(inner, "content") : { ok: true, value: inner };
  if (!content.ok) return refused("malformed", content.problem);
  const fields = privateData.safeParse(content.value);
  if (!fields.success) return refused("malformed", `content.${problemOf(fields.error)}`);
  const params = fields.data.cardPrivateData.params ?? {};
  const action = params.action;
  if (typeof action !== "string" || action === "") {
    return refused("no-action", "content.cardPrivateData.params.action is missing or empty");
  }

  const digest = hash("sha256", canonicalJson(params), "hex").slice(0, 16);
  return {
    kind: "action",
    event: {
      kind: "card-action",
      eventId: `dingtalk:card:${outTrackId}:${userId}:${digest}`,
      channel: "dingtalk",
      from: userId,
      cardId,
      actionKey: action,
      at: now.toISOString(),
      updateToken: outTrackId,
    },
    cardId,
    userTag,
  };
}

function refused(reason: CardCallbackRefusal, problem: string): CardCallbackReading {
  return { kind: "refused", reason, problem };
}

/** JSON with object keys sorted at every level, so that the digest does not depend on key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
