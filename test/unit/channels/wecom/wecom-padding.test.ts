import { describe, expect, it } from "vitest";
import { decryptMessage } from "../../../../src/channels/wecom/wecom-crypto.js";
import { pkcs7Pad, pkcs7Unpad } from "../../../../src/channels/wecom/wecom-pkcs7.js";
import { OFFICIAL_KEYS } from "../../../fixtures/wecom/vectors.js";
import { encryptRaw, expectWecomError, layout, withPad } from "./wecom-test-kit.js";

const { aesKey, corpId } = OFFICIAL_KEYS;
// 16 + 4 + 5 + 18 = 43 bytes of content: 21 bytes of padding reach 64.
const content = layout("hello", corpId);
const open = (plain: Buffer) => () => decryptMessage(aesKey, encryptRaw(aesKey, plain), corpId);

describe("strict 32-byte PKCS#7 on decrypt (real AES)", () => {
  it("accepts the correct padding (control)", () => {
    expect(open(withPad(content, 21))().message).toBe("hello");
  });

  it.each([
    ["pad value 0", withPad(content, 21, 0)],
    ["pad value 33", withPad(content, 21, 33)],
    ["pad value 255", withPad(content, 21, 255)],
    ["pad value 22 over 21 pad bytes (reaches into the content)", withPad(content, 21, 22)],
    ["pad value 32 over 21 pad bytes", withPad(content, 21, 32)],
    [
      "one pad byte differing from the rest",
      Buffer.concat([content, Buffer.alloc(10, 21), Buffer.from([7]), Buffer.alloc(10, 21)]),
    ],
    [
      "a correct-looking last byte over a short run",
      Buffer.concat([content, Buffer.alloc(20, 0), Buffer.from([21])]),
    ],
    ["16-byte PKCS#7 (what Node would do): 48 bytes in total", withPad(content, 5)],
  ])("rejects %s with -40008", (_, plain) => {
    expect(plain.length % 16).toBe(0);
    expectWecomError(open(plain), -40008, OFFICIAL_KEYS);
  });

  it("rejects a full pad block of 0x20 with one different byte inside", () => {
    const aligned = layout("x".repeat(26), corpId); // 64 bytes
    const block = Buffer.alloc(32, 0x20);
    block[15] = 0x41;
    expectWecomError(open(Buffer.concat([aligned, block])), -40008, OFFICIAL_KEYS);
  });

  it("a smaller but self-consistent pad leaves the rest in the receiveid, which then fails (-40005)", () => {
    // 21 bytes of value 20: a valid 20-byte pad, and one stray 0x14 byte after the corp id.
    expectWecomError(open(withPad(content, 21, 20)), -40005, OFFICIAL_KEYS);
  });

  it("accepts a full block of 32 bytes of 0x20 on aligned content", () => {
    const aligned = layout("x".repeat(26), corpId); // 64 bytes
    expect(open(withPad(aligned, 32))().message).toBe("x".repeat(26));
  });
});

describe("pkcs7Pad / pkcs7Unpad", () => {
  it.each([0, 1, 31, 32, 33, 63, 64])("round-trips %i bytes and always pads 1..32", (size) => {
    const data = Buffer.alloc(size, 0xab);
    const padded = pkcs7Pad(data);
    expect(padded.length % 32).toBe(0);
    expect(padded.length - size).toBeGreaterThanOrEqual(1);
    expect(padded.length - size).toBeLessThanOrEqual(32);
    expect(pkcs7Unpad(padded).equals(data)).toBe(true);
  });

  it("rejects an empty buffer", () => {
    expectWecomError(() => pkcs7Unpad(Buffer.alloc(0)), -40008, OFFICIAL_KEYS);
  });
});
