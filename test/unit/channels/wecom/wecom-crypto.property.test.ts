import { encrypt as wecomEncrypt } from "@wecom/crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openWecomCallback } from "../../../../src/channels/wecom/wecom-callback.js";
import { decryptMessage, encryptMessage } from "../../../../src/channels/wecom/wecom-crypto.js";
import { WecomCryptoError } from "../../../../src/channels/wecom/wecom-errors.js";
import { OFFICIAL_KEYS } from "../../../fixtures/wecom/vectors.js";
import { sealWecomCallback } from "../../../helpers/wecom-request.js";

const { aesKey, corpId } = OFFICIAL_KEYS;
const keys = { ...OFFICIAL_KEYS, replayWindowS: 0 };
const now = new Date("2026-01-01T00:00:00Z");
const message = fc.string({ unit: "binary", maxLength: 300 });
const random = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => Buffer.from(bytes));
const receiveId = fc.constantFrom(corpId, "", "ww6a112864f8022910");

/** A WecomCryptoError, or the decrypted message. Anything else thrown fails the property. */
function tryDecrypt(encrypt: string, id: string): WecomCryptoError | string {
  try {
    return decryptMessage(aesKey, encrypt, id).message;
  } catch (error) {
    if (error instanceof WecomCryptoError) return error;
    throw error;
  }
}

describe("seal → open round trip (property)", () => {
  it("decrypts every UTF-8 message back exactly, for any random and receiveid", () => {
    fc.assert(
      fc.property(message, random, receiveId, (msg, rnd, id) => {
        const sealed = encryptMessage(aesKey, msg, id, rnd);
        const opened = decryptMessage(aesKey, sealed, id);
        expect(opened.message).toBe(msg);
        expect(opened.random.equals(rnd)).toBe(true);
      }),
    );
  });

  it("produces the same ciphertext as @wecom/crypto for the same random", () => {
    fc.assert(
      fc.property(message, random, receiveId, (msg, rnd, id) => {
        expect(encryptMessage(aesKey, msg, id, rnd)).toBe(wecomEncrypt(aesKey, msg, id, rnd));
      }),
    );
  });

  it("opens every callback sealed by the independent helper", () => {
    fc.assert(
      fc.property(message, (msg) => {
        const sealed = sealWecomCallback(msg, OFFICIAL_KEYS, { timestamp: "1700000000", nonce: "n1" });
        expect(openWecomCallback(sealed, keys, now).plainXml).toBe(msg);
      }),
      { numRuns: 50 },
    );
  });
});

describe("single-byte tampering (property)", () => {
  const tamper = fc.record({
    msg: message,
    rnd: random,
    position: fc.nat(),
    delta: fc.integer({ min: 1, max: 255 }),
  });
  const flip = (encrypt: string, position: number, delta: number) => {
    const bytes = Buffer.from(encrypt, "base64");
    const at = position % bytes.length;
    bytes[at] = (bytes[at] ?? 0) ^ delta;
    return bytes.toString("base64");
  };

  /*
   * Plain AES-CBC is malleable, NOT authenticated: changing ciphertext block i garbles plaintext
   * block i and XORs the same change into block i+1. A flip can therefore survive the padding,
   * length and receiveid checks. What does hold: it is either rejected, or the message differs.
   * (Equal message + equal receiveid + equal length would force every byte after the random to
   * be equal, yet at least one of them changed.) The random alone can never absorb the change.
   */
  it("without the signature: rejected with a WecomCryptoError, or the message differs", () => {
    fc.assert(
      fc.property(tamper, ({ msg, rnd, position, delta }) => {
        const sealed = encryptMessage(aesKey, msg, corpId, rnd);
        const result = tryDecrypt(flip(sealed, position, delta), corpId);
        if (typeof result === "string") expect(result).not.toBe(msg);
      }),
      { numRuns: 500 },
    );
  });

  it("example: a flip in ciphertext block 0 scrambles the random and flips one message byte", () => {
    const rnd = Buffer.from("0123456789abcdef");
    const sealed = encryptMessage(aesKey, "progress report: 80%", corpId, rnd);
    // Ciphertext byte 10 is XORed into plaintext byte 16 + 10 = 26, i.e. message byte 6.
    const opened = decryptMessage(aesKey, flip(sealed, 10, 0x01), corpId);
    expect(opened.message).toBe("progrers report: 80%");
    expect(opened.random.equals(rnd)).toBe(false);
  });

  it("through openWecomCallback: always rejected by the signature (-40001) before decryption", () => {
    fc.assert(
      fc.property(tamper, ({ msg, rnd, position, delta }) => {
        const sealed = sealWecomCallback(msg, OFFICIAL_KEYS, { timestamp: "1", nonce: "n", random: rnd });
        const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(sealed.body)?.[1] ?? "";
        const body = sealed.body.replace(encrypt, flip(encrypt, position, delta));
        expect(() => openWecomCallback({ ...sealed, body }, keys, now)).toThrow(
          expect.objectContaining({ wecomCode: -40001 }),
        );
      }),
      { numRuns: 200 },
    );
  });
});
