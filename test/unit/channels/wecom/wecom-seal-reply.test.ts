import { describe, expect, it } from "vitest";
import { decryptMessage } from "../../../../src/channels/wecom/wecom-crypto.js";
import { sealReply } from "../../../../src/channels/wecom/wecom-envelope.js";
import { verifySignature } from "../../../../src/channels/wecom/wecom-signature.js";
import { parseWecomXml } from "../../../../src/channels/wecom/wecom-xml.js";
import { OFFICIAL_KEYS, S1, V2 } from "../../../fixtures/wecom/vectors.js";
import { expectWecomError } from "./wecom-test-kit.js";

const base = { ...OFFICIAL_KEYS, timestamp: "1700000000", nonce: "nonce123" };
const reply =
  "<xml><ToUserName><![CDATA[mycreate]]></ToUserName><FromUserName><![CDATA[wx5823bf96d3bd56c7]]></FromUserName>" +
  "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[update_button]]></MsgType>" +
  "<Button><ReplaceName><![CDATA[已反馈]]></ReplaceName></Button></xml>";

describe("sealReply", () => {
  it("reproduces S1 exactly with an injected random, in the official template layout", () => {
    const sealed = sealReply(S1.message, { ...base, random: Buffer.from("0123456789abcdef") });
    expect(sealed).toBe(
      `<xml>\n<Encrypt><![CDATA[${S1.encrypt}]]></Encrypt>\n<MsgSignature><![CDATA[${S1.signature}]]></MsgSignature>\n` +
        "<TimeStamp>1700000000</TimeStamp>\n<Nonce><![CDATA[nonce123]]></Nonce>\n</xml>",
    );
  });

  it("reproduces V2's ciphertext and signature when reusing its timestamp, nonce and random", () => {
    const random = Buffer.from("0960688932c47ef1");
    const sealed = sealReply(V2.message, {
      ...OFFICIAL_KEYS,
      timestamp: V2.timestamp,
      nonce: V2.nonce,
      random,
    });
    expect(sealed).toContain(`<Encrypt><![CDATA[${V2.encrypt}]]></Encrypt>`);
    expect(sealed).toContain(`<MsgSignature><![CDATA[${V2.signature}]]></MsgSignature>`);
  });

  it("produces an envelope whose signature verifies and whose Encrypt decrypts to the reply", () => {
    const envelope = parseWecomXml(sealReply(reply, base));
    const encrypt = String(envelope.Encrypt);
    expect(envelope.TimeStamp).toBe("1700000000");
    expect(envelope.Nonce).toBe("nonce123");
    expect(() =>
      verifySignature(String(envelope.MsgSignature), { ...base, token: OFFICIAL_KEYS.token, encrypt }),
    ).not.toThrow();
    expect(decryptMessage(OFFICIAL_KEYS.aesKey, encrypt, OFFICIAL_KEYS.corpId).message).toBe(reply);
  });

  it.each([
    ["a timestamp with letters", { timestamp: "17e8" }],
    ["a nonce that would close the CDATA", { nonce: "a]]><x>" }],
    ["an empty nonce", { nonce: "" }],
  ])("refuses %s with -40011", (_, change) => {
    expectWecomError(() => sealReply(reply, { ...base, ...change }), -40011, OFFICIAL_KEYS);
  });
});
