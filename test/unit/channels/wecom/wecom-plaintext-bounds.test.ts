import { describe, expect, it } from "vitest";
import { decryptMessage } from "../../../../src/channels/wecom/wecom-crypto.js";
import { pkcs7Pad } from "../../../../src/channels/wecom/wecom-pkcs7.js";
import { OFFICIAL_KEYS, V1 } from "../../../fixtures/wecom/vectors.js";
import { encryptRaw, expectWecomError, layout } from "./wecom-test-kit.js";

const { aesKey, corpId } = OFFICIAL_KEYS;
const sealRaw = (plain: Buffer) => encryptRaw(aesKey, pkcs7Pad(plain));

describe("decryptMessage bounds and encodings", () => {
  it("reads a message whose byte length differs from its character length", () => {
    const message = "督办：进度80%，已交初稿 ✅ 𠀀";
    expect(Buffer.byteLength(message)).not.toBe(message.length);
    expect(decryptMessage(aesKey, sealRaw(layout(message, corpId)), corpId).message).toBe(message);
  });

  it("accepts an empty message", () => {
    expect(decryptMessage(aesKey, sealRaw(layout("", corpId)), corpId).message).toBe("");
  });

  it.each([
    ["msg_len one past the end", (n: number) => n + 1],
    ["msg_len far past the end", () => 0xffffffff],
  ])("rejects %s with -40008", (_, lie) => {
    const honest = layout("hello", corpId);
    const plain = layout("hello", corpId, lie(honest.length - 20));
    expectWecomError(() => decryptMessage(aesKey, sealRaw(plain), corpId), -40008, OFFICIAL_KEYS);
  });

  it("treats a msg_len that is too short as a receiveid mismatch (-40005), not as success", () => {
    const plain = layout("hello", corpId, 4);
    expectWecomError(() => decryptMessage(aesKey, sealRaw(plain), corpId), -40005, OFFICIAL_KEYS);
  });

  it.each([0, 1, 16, 19])("rejects a plaintext of %i bytes (shorter than the 20-byte header)", (size) => {
    const plain = Buffer.alloc(size, 0x30);
    expectWecomError(() => decryptMessage(aesKey, sealRaw(plain), corpId), -40008, OFFICIAL_KEYS);
  });

  it("rejects a message that is not valid UTF-8", () => {
    const bad = layout("ab", corpId);
    bad[20] = 0xc3; // a lead byte followed by an ASCII byte
    expectWecomError(() => decryptMessage(aesKey, sealRaw(bad), corpId), -40008, OFFICIAL_KEYS);
  });

  it.each([
    ["a truncated ciphertext (half a block)", Buffer.from(V1.encrypt, "base64").subarray(0, 56)],
    ["a single AES block too few", Buffer.from(V1.encrypt, "base64").subarray(0, 48)],
    ["a ciphertext cut to one AES block", Buffer.from(V1.encrypt, "base64").subarray(0, 16)],
  ])("rejects %s", (_, bytes) => {
    const code = bytes.length % 16 === 0 ? -40008 : -40007;
    expectWecomError(() => decryptMessage(aesKey, bytes.toString("base64"), corpId), code, OFFICIAL_KEYS);
  });

  it.each([
    ["empty", ""],
    ["with a space", V1.encrypt.replace("/", " ")],
    ["with URL-safe characters", V1.encrypt.replace("/", "_")],
    ["without its padding", V1.encrypt.replace(/=+$/, "")],
    ["with a trailing newline", `${V1.encrypt}\n`],
  ])("rejects Base64 that is %s with -40010", (_, encrypt) => {
    expectWecomError(() => decryptMessage(aesKey, encrypt, corpId), -40010, OFFICIAL_KEYS);
  });

  it.each([
    ["42 characters", OFFICIAL_KEYS.aesKey.slice(0, 42)],
    ["44 characters", `${OFFICIAL_KEYS.aesKey}A`],
    ["a + sign", `${OFFICIAL_KEYS.aesKey.slice(0, 42)}+`],
  ])("rejects an EncodingAESKey of %s with -40004", (_, badKey) => {
    const error = expectWecomError(() => decryptMessage(badKey, V1.encrypt, corpId), -40004, OFFICIAL_KEYS);
    expect(error.message).not.toContain(badKey);
    expect(error.status).toBe(500);
  });
});
