import { describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../../src/channels/channel.js";
import { createSessionWebhooks } from "../../../../src/channels/dingtalk/dingtalk-session-webhooks.js";
import { createStreamReceiver } from "../../../../src/channels/dingtalk/dingtalk-stream-receiver.js";
import {
  CARD_CALLBACK_TOPIC,
  ROBOT_MESSAGE_TOPIC,
  type StreamFrame,
} from "../../../../src/channels/dingtalk/stream/stream-frames.js";
import { fixedClock } from "../../../../src/shared/clock.js";
import { silentLogger } from "../../../../src/shared/logger.js";
import { cardCallbackData, robotMessageData } from "../../../fixtures/dingtalk/fake-gateway.js";

const NOW = "2021-03-22T02:05:00.000Z";
const BASE = "http://127.0.0.1:9";

function receiver(accept: (event: InboundEvent) => Promise<boolean>) {
  const processed: InboundEvent[] = [];
  const sessionWebhooks = createSessionWebhooks({ clock: fixedClock(NOW) });
  const onFrame = createStreamReceiver({
    inbox: { accept, process: async (event) => void processed.push(event) },
    sessionWebhooks,
    clock: fixedClock(NOW),
    logger: silentLogger,
    trustedWebhookOrigins: [BASE],
  });
  return { onFrame, processed, sessionWebhooks };
}

const frame = (topic: string, data: unknown, type: StreamFrame["type"] = "CALLBACK"): StreamFrame => ({
  type,
  topic,
  messageId: "m1",
  headers: { topic, messageId: "m1" },
  data: JSON.stringify(data),
});
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the DingTalk stream receiver: store, then acknowledge", () => {
  it("stores a robot message (at the service's clock), acks it, then processes it and keeps its webhook", async () => {
    const accepted: InboundEvent[] = [];
    const r = receiver(async (event) => {
      accepted.push(event);
      return true;
    });
    const data = robotMessageData(BASE, "robot", { senderStaffId: "u1", text: { content: " 52 正常推进" } });
    expect(await r.onFrame(frame(ROBOT_MESSAGE_TOPIC, data))).toEqual({ status: "ok" });
    expect(accepted).toMatchObject([{ kind: "text", from: "u1", text: "52 正常推进", at: NOW }]);
    expect(r.processed).toEqual([]);
    await settle();
    expect(r.processed).toHaveLength(1);
    expect(r.sessionWebhooks.valid("u1", Date.parse(NOW))?.url).toBe(data.sessionWebhook);
  });

  it("leaves a frame unacknowledged when the store cannot take it, so that the gateway delivers it again", async () => {
    const r = receiver(async () => {
      throw new Error("store unavailable");
    });
    const data = robotMessageData(BASE, "robot", { senderStaffId: "u1" });
    expect(await r.onFrame(frame(ROBOT_MESSAGE_TOPIC, data))).toEqual({ status: "retry-later" });
    await settle();
    expect(r.processed).toEqual([]);
  });

  it("acks a redelivery without processing it again", async () => {
    const r = receiver(async () => false);
    const data = robotMessageData(BASE, "robot", { senderStaffId: "u1" });
    expect(await r.onFrame(frame(ROBOT_MESSAGE_TOPIC, data))).toEqual({ status: "ok" });
    await settle();
    expect(r.processed).toEqual([]);
  });

  it("acks and drops what it cannot act on: an outsider, a picture, an unreadable body, an event", async () => {
    const accepted: InboundEvent[] = [];
    const r = receiver(async (event) => {
      accepted.push(event);
      return true;
    });
    const outsider = robotMessageData(BASE, "robot", { senderStaffId: undefined });
    expect(await r.onFrame(frame(ROBOT_MESSAGE_TOPIC, outsider))).toEqual({ status: "ok" });
    const picture = robotMessageData(BASE, "robot", { msgtype: "picture", text: undefined });
    expect(await r.onFrame(frame(ROBOT_MESSAGE_TOPIC, picture))).toEqual({ status: "ok" });
    expect(await r.onFrame({ ...frame(ROBOT_MESSAGE_TOPIC, {}), data: "{not json" })).toEqual({
      status: "ok",
    });
    expect(await r.onFrame(frame("*", { EventType: "user_add_org" }, "EVENT"))).toEqual({ status: "ok" });
    expect(accepted).toEqual([]);
  });

  it("stores a card click as the card's action, with the outTrackId to update the card by", async () => {
    const accepted: InboundEvent[] = [];
    const r = receiver(async (event) => {
      accepted.push(event);
      return true;
    });
    const outTrackId = `duban-${"a".repeat(40)}_0123456789abcdef`;
    const click = cardCallbackData({ action: "ack" }, { outTrackId, userId: "u1" });
    expect(await r.onFrame(frame(CARD_CALLBACK_TOPIC, click))).toEqual({ status: "ok" });
    expect(accepted).toMatchObject([
      {
        kind: "card-action",
        from: "u1",
        cardId: `duban-${"a".repeat(40)}`,
        actionKey: "ack",
        updateToken: outTrackId,
      },
    ]);
  });
});
