import { describe, expect, it } from "vitest";
import {
  ackText,
  defaultAckData,
  parseDownstream,
  pongText,
} from "../../../../../src/channels/dingtalk/stream/stream-frames.js";

describe("Stream frames", () => {
  it("reads a pushed robot message, header values as strings", () => {
    const parsed = parseDownstream(
      JSON.stringify({
        specVersion: "1.0",
        type: "CALLBACK",
        headers: {
          topic: "/v1.0/im/bot/messages/get",
          messageId: "212ca9d7_974_1898c159aa6_1783b",
          contentType: "application/json",
          time: 1690362102194,
          nested: { dropped: true },
        },
        data: '{"msgId":"msg1"}',
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        kind: "push",
        frame: {
          type: "CALLBACK",
          topic: "/v1.0/im/bot/messages/get",
          messageId: "212ca9d7_974_1898c159aa6_1783b",
          headers: {
            topic: "/v1.0/im/bot/messages/get",
            messageId: "212ca9d7_974_1898c159aa6_1783b",
            contentType: "application/json",
            time: "1690362102194",
          },
          data: '{"msgId":"msg1"}',
        },
      },
    });
  });

  it("reads a disconnect without a messageId, as in the protocol document's example", () => {
    const parsed = parseDownstream(
      '{"type":"SYSTEM","headers":{"topic":"disconnect","contentType":"application/json"},"data":"{\\"reason\\":\\"connection is expired\\"}"}',
    );
    expect(parsed).toMatchObject({ ok: true, value: { kind: "system", topic: "disconnect" } });
    expect(parsed.ok && "messageId" in parsed.value).toBe(false);
  });

  it("names what is wrong with a malformed frame, and its messageId when it has one", () => {
    expect(parseDownstream('{"type":"EVENT","headers":{"messageId":"m1"},"data":"{}"}')).toEqual({
      ok: false,
      reason: "no topic header",
      messageId: "m1",
    });
    expect(parseDownstream('{"type":"EVENT","headers":{"topic":"*","messageId":""},"data":"{}"}')).toEqual({
      ok: false,
      reason: "no messageId header",
    });
    expect(parseDownstream('{"type":7,"headers":{"topic":"*"}}')).toEqual({
      ok: false,
      reason: "unknown type number",
    });
    expect(parseDownstream("")).toEqual({ ok: false, reason: "not JSON" });
    expect(parseDownstream("null")).toEqual({ ok: false, reason: "not a JSON object" });
  });

  it("writes the documented ack: code 200, the messageId, message OK, data a JSON string", () => {
    expect(JSON.parse(ackText("m1", defaultAckData({ type: "CALLBACK" })))).toEqual({
      code: 200,
      headers: { contentType: "application/json", messageId: "m1" },
      message: "OK",
      data: '{"response":null}',
    });
    expect(JSON.parse(ackText("m2", defaultAckData({ type: "EVENT" }))).data).toBe(
      '{"status":"SUCCESS","message":"OK"}',
    );
  });

  it("echoes a ping with its own headers and data", () => {
    const headers = { topic: "ping", messageId: "p1", contentType: "application/json" };
    expect(JSON.parse(pongText({ headers, data: '{"opaque":"123-dsfs"}' }))).toEqual({
      code: 200,
      headers,
      message: "OK",
      data: '{"opaque":"123-dsfs"}',
    });
  });
});
