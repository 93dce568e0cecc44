import { createDecipheriv } from "node:crypto";
import { decrypt as wecomDecrypt } from "@wecom/crypto";
import { describe, expect, it } from "vitest";
import { decryptMessage, encryptMessage } from "../../../../src/channels/wecom/wecom-crypto.js";
import {
  DECRYPTABLE,
  REENCRYPTABLE,
  S1,
  S2,
  V1,
  V2,
  V3_POST,
  V4B,
  V4C,
  type Vector,
} from "../../../fixtures/wecom/vectors.js";
import { expectWecomError } from "./wecom-test-kit.js";

const named = (vs: readonly Vector[]) => vs.map((v) => [v.name, v] as const);

/** The raw padded plaintext, decrypted without any WeCom logic (openssl enc -nopad equivalent). */
function rawPlain(v: Vector): Buffer {
  const key = Buffer.from(`${v.keys.aesKey}=`, "base64");
  const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([decipher.update(Buffer.from(v.encrypt, "base64")), decipher.final()]);
}

describe("decryptMessage", () => {
  it.each(named(DECRYPTABLE))("decrypts %s", (_, v) => {
    expect(decryptMessage(v.keys.aesKey, v.encrypt, v.keys.corpId).message).toBe(v.message);
  });

  it.each(named(DECRYPTABLE.filter((v) => v.randomHex)))("recovers the random of %s", (_, v) => {
    expect(decryptMessage(v.keys.aesKey, v.encrypt, v.keys.corpId).random.toString("hex")).toBe(v.randomHex);
  });

  it.each([
    ["V1", V1, 7],
    ["V2", V2, 30],
    ["S1", S1, 32],
  ] as const)("handles the %s padding of %i bytes (32-byte PKCS#7, not 16)", (_, v, pad) => {
    const raw = rawPlain(v);
    expect(raw.subarray(-pad).every((b) => b === pad)).toBe(true);
    expect(decryptMessage(v.keys.aesKey, v.encrypt, v.keys.corpId).message).toBe(v.message);
  });

  it("V2 is exactly the vector that breaks Node's default 16-byte autoPadding", () => {
    const key = Buffer.from(`${V2.keys.aesKey}=`, "base64");
    const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    expect(() =>
      Buffer.concat([decipher.update(Buffer.from(V2.encrypt, "base64")), decipher.final()]),
    ).toThrow();
  });

  it("returns V2 text untouched, MsgId digits included", () => {
    expect(decryptMessage(V2.keys.aesKey, V2.encrypt, V2.keys.corpId).message).toContain(
      "<MsgId>4561255354251345929</MsgId>",
    );
  });

  it.each([
    ["V3 (你好)", V3_POST],
    ["S2 (93 chars, 97 bytes)", S2],
  ])("reads msg_len as a UTF-8 byte count in %s", (_, v) => {
    const raw = rawPlain(v);
    const { message } = decryptMessage(v.keys.aesKey, v.encrypt, v.keys.corpId);
    expect(raw.readUInt32BE(16)).toBe(Buffer.byteLength(message, "utf8"));
    expect(Buffer.byteLength(message, "utf8")).toBeGreaterThan(message.length);
  });

  it("S2 has msg_len 0x61 = 97 for 93 characters", () => {
    expect(rawPlain(S2).readUInt32BE(16)).toBe(97);
    expect(S2.message.length).toBe(93);
  });

  it("accepts the empty receiveid of AI-bot callbacks only when empty is expected (S2)", () => {
    expect(decryptMessage(S2.keys.aesKey, S2.encrypt, "").message).toBe(S2.message);
    expectWecomError(() => decryptMessage(S2.keys.aesKey, S2.encrypt, "wx5823bf96d3bd56c7"), -40005, S2.keys);
  });

  it("rejects V4-C for corp ww6a112864f8022910 with -40005 (receiveid mismatch)", () => {
    expectWecomError(() => decryptMessage(V4C.keys.aesKey, V4C.encrypt, V4B.keys.corpId), -40005, V4C.keys);
  });

  it.each([
    ["a prefix of the corp id", "ww6a112864f80229"],
    ["a longer corp id", "ww6a112864f80229100"],
    ["an empty corp id", ""],
  ])("rejects V4-B when the expected corp id is %s", (_, corpId) => {
    expectWecomError(() => decryptMessage(V4B.keys.aesKey, V4B.encrypt, corpId), -40005, V4B.keys);
  });

  it("agrees with @wecom/crypto on every vector", () => {
    for (const v of DECRYPTABLE) {
      const theirs = wecomDecrypt(v.keys.aesKey, v.encrypt);
      const ours = decryptMessage(v.keys.aesKey, v.encrypt, theirs.id);
      expect(ours.message).toBe(theirs.message);
      expect(ours.random.equals(theirs.random)).toBe(true);
    }
  });
});

describe("encryptMessage", () => {
  it.each(named(REENCRYPTABLE))("re-encrypts %s byte-for-byte with the recovered random", (_, v) => {
    const { random } = decryptMessage(v.keys.aesKey, v.encrypt, v.keys.corpId);
    expect(encryptMessage(v.keys.aesKey, v.message, v.keys.corpId, random)).toBe(v.encrypt);
  });

  it("reproduces V4-B from its binary random given as hex", () => {
    const random = Buffer.from(V4B.randomHex ?? "", "hex");
    expect(encryptMessage(V4B.keys.aesKey, V4B.message, V4B.keys.corpId, random)).toBe(V4B.encrypt);
  });

  it("pads an already aligned plaintext with a full 32-byte block (S1)", () => {
    const random = Buffer.from("0123456789abcdef");
    const sealed = encryptMessage(S1.keys.aesKey, S1.message, S1.keys.corpId, random);
    expect(Buffer.from(sealed, "base64")).toHaveLength(16 + 4 + 26 + 18 + 32);
  });

  it("uses a fresh random by default", () => {
    const a = encryptMessage(V1.keys.aesKey, "same", V1.keys.corpId);
    expect(a).not.toBe(encryptMessage(V1.keys.aesKey, "same", V1.keys.corpId));
  });

  it.each([15, 17, 0])("refuses a random of %i bytes with -40006", (size) => {
    expectWecomError(
      () => encryptMessage(V1.keys.aesKey, "x", V1.keys.corpId, Buffer.alloc(size)),
      -40006,
      V1.keys,
    );
  });
});
