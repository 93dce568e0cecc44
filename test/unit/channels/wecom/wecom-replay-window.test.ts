import { describe, expect, it } from "vitest";
import { openWecomCallback } from "../../../../src/channels/wecom/wecom-callback.js";
import { WecomReplayError } from "../../../../src/channels/wecom/wecom-errors.js";
import { checkReplayWindow } from "../../../../src/channels/wecom/wecom-replay-window.js";
import { OFFICIAL_KEYS, V2, V2_BODY } from "../../../fixtures/wecom/vectors.js";
import { sealWecomCallback } from "../../../helpers/wecom-request.js";
import { thrown } from "./wecom-test-kit.js";

const now = new Date("2026-03-01T08:00:00Z");
const nowS = now.getTime() / 1000;

describe("checkReplayWindow", () => {
  it.each([0, 299, 300, -300])("accepts a timestamp %i s away within a 300 s window", (offset) => {
    expect(() => checkReplayWindow(String(nowS + offset), 300, now)).not.toThrow();
  });

  it.each([301, -301, -86_400])("rejects a timestamp %i s away", (offset) => {
    expect(thrown(() => checkReplayWindow(String(nowS + offset), 300, now))).toBeInstanceOf(WecomReplayError);
  });

  it.each(["", "12a", "-5", "1.5", " 1"])("rejects the non-numeric timestamp %j", (timestamp) => {
    expect(thrown(() => checkReplayWindow(timestamp, 300, now))).toBeInstanceOf(WecomReplayError);
  });

  it("is off at 0: even the 2014 official vectors pass", () => {
    expect(() => checkReplayWindow("1409659813", 0, now)).not.toThrow();
  });
});

describe("openWecomCallback with a replay window", () => {
  const keys = { ...OFFICIAL_KEYS, replayWindowS: 300 };

  it("rejects the genuine but stale V2 callback with 401", () => {
    const query = { msg_signature: V2.signature, timestamp: V2.timestamp, nonce: V2.nonce };
    const error = thrown(() => openWecomCallback({ query, body: V2_BODY }, keys, now));
    expect(error).toBeInstanceOf(WecomReplayError);
    expect((error as WecomReplayError).status).toBe(401);
  });

  it("accepts a fresh callback and rejects the same one replayed 10 minutes later", () => {
    const sealed = sealWecomCallback("<xml/>", OFFICIAL_KEYS, { timestamp: String(nowS - 5) });
    expect(openWecomCallback(sealed, keys, now).plainXml).toBe("<xml/>");
    const later = new Date(now.getTime() + 600_000);
    expect(thrown(() => openWecomCallback(sealed, keys, later))).toBeInstanceOf(WecomReplayError);
  });

  it("checks the signature first: a forged fresh timestamp is -40001, not a replay error", () => {
    const query = { msg_signature: V2.signature, timestamp: String(nowS), nonce: V2.nonce };
    expect(thrown(() => openWecomCallback({ query, body: V2_BODY }, keys, now))).toMatchObject({
      wecomCode: -40001,
    });
  });
});
