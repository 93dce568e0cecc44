import { describe, expect, it } from "vitest";
import { DingCallbackCrypto } from "../../../../src/channels/dingtalk/dingtalk-callback-crypto.js";
import { openDingtalkEvent } from "../../../../src/channels/dingtalk/dingtalk-event-callback.js";
import { VECTOR_1 as V } from "../../../fixtures/dingtalk/vectors.js";
import { expectCryptoError } from "./dingtalk-test-kit.js";

const crypto = new DingCallbackCrypto({ token: V.token, aesKey: V.aesKey, ownerKey: V.ownerKey });
const body = JSON.stringify({ encrypt: V.encrypt });
const SECRETS = [V.token, V.aesKey];
const open =
  (query: string, b: string = body) =>
  () =>
    openDingtalkEvent({ query: new URLSearchParams(query), body: Buffer.from(b) }, crypto);
const q = (parts: Record<string, string>) => new URLSearchParams(parts).toString();

/** Seals `plain` as DingTalk would, for the decrypted-content cases. */
function sealed(plain: string): { query: string; body: string } {
  const encrypt = crypto.encrypt(plain);
  const signature = crypto.sign(V.timestamp, V.nonce, encrypt);
  return {
    query: q({ msg_signature: signature, timestamp: V.timestamp, nonce: V.nonce }),
    body: JSON.stringify({ encrypt }),
  };
}

describe("openDingtalkEvent", () => {
  it.each([
    ["msg_signature and timestamp", { msg_signature: V.signature, timestamp: V.timestamp, nonce: V.nonce }],
    ["msg_signature and timeStamp", { msg_signature: V.signature, timeStamp: V.timestamp, nonce: V.nonce }],
    ["signature and timestamp (older)", { signature: V.signature, timestamp: V.timestamp, nonce: V.nonce }],
    ["signature and timeStamp", { signature: V.signature, timeStamp: V.timestamp, nonce: V.nonce }],
    [
      "both spellings with the same values",
      {
        msg_signature: V.signature,
        signature: V.signature,
        timestamp: V.timestamp,
        timeStamp: V.timestamp,
        nonce: V.nonce,
      },
    ],
  ])("opens vector 1 (check_url) given %s", (_, parts) => {
    expect(open(q(parts))()).toEqual({ eventType: "check_url", timestamp: V.timestamp });
  });

  it("tolerates extra fields in the body", () => {
    const query = q({ msg_signature: V.signature, timestamp: V.timestamp, nonce: V.nonce });
    expect(open(query, JSON.stringify({ encrypt: V.encrypt, extra: 1 }))().eventType).toBe("check_url");
  });

  it.each([
    ["no signature", { timestamp: V.timestamp, nonce: V.nonce }],
    ["no timestamp", { msg_signature: V.signature, nonce: V.nonce }],
    ["no nonce", { msg_signature: V.signature, timestamp: V.timestamp }],
    ["an empty nonce", { msg_signature: V.signature, timestamp: V.timestamp, nonce: "" }],
    [
      "two spellings that disagree",
      { msg_signature: V.signature, signature: "0".repeat(40), timestamp: V.timestamp, nonce: V.nonce },
    ],
  ])("refuses %s as unsigned (900005, 401)", (_, parts) => {
    expectCryptoError(open(q(parts)), 900005, 401, SECRETS);
  });

  it("refuses a repeated parameter with different values", () => {
    const query = `${q({ msg_signature: V.signature, timestamp: V.timestamp, nonce: V.nonce })}&nonce=other`;
    expectCryptoError(open(query), 900005, 401, SECRETS);
  });

  it.each([
    ["not JSON", "encrypt=abc"],
    ["JSON without encrypt", "{}"],
    ["an empty encrypt", '{"encrypt":""}'],
    ["a numeric encrypt", '{"encrypt":5}'],
  ])("refuses a body that is %s (900008, 400)", (_, b) => {
    const query = q({ msg_signature: V.signature, timestamp: V.timestamp, nonce: V.nonce });
    expectCryptoError(open(query, b), 900008, 400, SECRETS);
  });

  it.each([
    ["not JSON", "success"],
    ["JSON without EventType", '{"eventType":"check_url"}'],
    ["an empty EventType", '{"EventType":""}'],
  ])("refuses a correctly sealed event that is %s (900001, 400)", (_, plain) => {
    const s = sealed(plain);
    expectCryptoError(open(s.query, s.body), 900001, 400, SECRETS);
  });

  it("reads other event types", () => {
    const s = sealed('{"EventType":"user_add_org","UserId":["u1"],"CorpId":"ding1"}');
    expect(open(s.query, s.body)().eventType).toBe("user_add_org");
  });
});
