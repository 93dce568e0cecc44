import { createDecipheriv } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptBlocks, encryptBlocks, parseAesKey } from "../../../../src/channels/dingtalk/dingtalk-aes.js";
import { DingCallbackCrypto } from "../../../../src/channels/dingtalk/dingtalk-callback-crypto.js";
import { pkcs7Pad, pkcs7Unpad } from "../../../../src/channels/dingtalk/dingtalk-pkcs7.js";
import {
  CRYPTO_VECTORS,
  type CryptoVector,
  VECTOR_1,
  VECTOR_3,
  VECTOR_4,
} from "../../../fixtures/dingtalk/vectors.js";
import { encryptRaw, expectCryptoError, layout, thrown, withPad } from "./dingtalk-test-kit.js";

const cryptoOf = (v: CryptoVector, ownerKey = v.ownerKey) =>
  new DingCallbackCrypto({ token: v.token, aesKey: v.aesKey, ownerKey });
const signedOf = (v: CryptoVector) => ({
  signature: v.signature,
  timestamp: v.timestamp,
  nonce: v.nonce,
  encrypt: v.encrypt,
});
const secretsOf = (v: CryptoVector) => [
  v.token,
  v.aesKey,
  Buffer.from(`${v.aesKey}=`, "base64").toString("hex"),
];
/** The plaintext blocks as sent, padding included. */
const rawPlain = (v: CryptoVector, encrypt = v.encrypt) =>
  decryptBlocks(parseAesKey(v.aesKey), Buffer.from(encrypt, "base64"));

describe.each(CRYPTO_VECTORS)("official vector from $source", (v) => {
  it("computes the official msg_signature", () => {
    expect(cryptoOf(v).sign(v.timestamp, v.nonce, v.encrypt)).toBe(v.signature);
  });

  it("verifies and decrypts to the official plaintext, with the owner key checked", () => {
    expect(cryptoOf(v).open(signedOf(v))).toBe(v.plain);
    const raw = pkcs7Unpad(rawPlain(v));
    expect(raw.subarray(raw.length - Buffer.byteLength(v.ownerKey)).toString()).toBe(v.ownerKey);
  });

  it("was padded with the recorded pad byte, to a multiple of 32", () => {
    const raw = rawPlain(v);
    expect(raw.length % 32).toBe(0);
    expect(raw.subarray(raw.length - v.pad)).toEqual(Buffer.alloc(v.pad, v.pad));
  });

  it("re-encrypts byte for byte with the recovered random prefix and 32-byte padding", () => {
    const crypto = cryptoOf(v);
    const { message, randomPrefix } = crypto.decrypt(v.encrypt);
    expect(randomPrefix).toBe(v.randomPrefix);
    expect(crypto.encrypt(message, randomPrefix)).toBe(v.encrypt);
  });

  it("fails with Node's default autoPadding (regression guard: padding must stay off)", () => {
    const key = Buffer.from(`${v.aesKey}=`, "base64");
    const decipher = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    const error = thrown(() =>
      Buffer.concat([decipher.update(Buffer.from(v.encrypt, "base64")), decipher.final()]),
    );
    expect((error as { code?: string }).code).toBe("ERR_OSSL_BAD_DECRYPT");
  });

  it("refuses the vector under another owner key (900010, 401)", () => {
    expectCryptoError(() => cryptoOf(v, `${v.ownerKey}x`).open(signedOf(v)), 900010, 401, secretsOf(v));
    expectCryptoError(() => cryptoOf(v, "").open(signedOf(v)), 900010, 401, secretsOf(v));
  });

  it.each([
    ["one hex digit changed", (s: string) => `${s.slice(0, -1)}${s.endsWith("0") ? "1" : "0"}`],
    ["upper-case hex", (s: string) => s.toUpperCase()],
    ["one digit short", (s: string) => s.slice(0, -1)],
    ["empty", () => ""],
  ])("refuses a signature with %s (900005, 401)", (_, change) => {
    const signature = change(v.signature);
    if (signature === v.signature) return; // a vector with no letters in its signature
    expectCryptoError(() => cryptoOf(v).open({ ...signedOf(v), signature }), 900005, 401, secretsOf(v));
  });

  it("refuses a changed timestamp, nonce or ciphertext under the original signature", () => {
    const crypto = cryptoOf(v);
    for (const change of [{ timestamp: `${v.timestamp}1` }, { nonce: `${v.nonce}x` }]) {
      expectCryptoError(() => crypto.open({ ...signedOf(v), ...change }), 900005, 401, secretsOf(v));
    }
    const flipped = `${v.encrypt[0] === "A" ? "B" : "A"}${v.encrypt.slice(1)}`;
    expectCryptoError(() => crypto.open({ ...signedOf(v), encrypt: flipped }), 900005, 401, secretsOf(v));
  });
});

describe("vector 4: the raw AES primitive (16-byte padding, no header)", () => {
  const material = parseAesKey(VECTOR_4.aesKey);

  it("decrypts to the plaintext and its 14 bytes of 0x0e", () => {
    const raw = decryptBlocks(material, Buffer.from(VECTOR_4.encrypt, "base64"));
    expect(raw.subarray(raw.length - VECTOR_4.pad)).toEqual(Buffer.alloc(VECTOR_4.pad, VECTOR_4.pad));
    expect(pkcs7Unpad(raw).toString("utf8")).toBe(VECTOR_4.plain);
  });

  it("encrypts the plaintext padded to 16 into the same ciphertext", () => {
    const padded = pkcs7Pad(Buffer.from(VECTOR_4.plain, "utf8"), 16);
    expect(encryptBlocks(material, padded).toString("base64")).toBe(VECTOR_4.encrypt);
  });
});

describe("round trips", () => {
  const crypto = cryptoOf(VECTOR_1);

  it("keeps Chinese text and % intact, its length counted in UTF-8 bytes", () => {
    const payload = '{"EventType":"bpms_task_change","title":"进度 100%","备注":"%E4%B8%AD 完成50%"}';
    const encrypt = crypto.encrypt(payload);
    expect(crypto.decrypt(encrypt).message).toBe(payload);
    const raw = pkcs7Unpad(rawPlain(VECTOR_1, encrypt));
    expect(raw.readUInt32BE(16)).toBe(Buffer.byteLength(payload, "utf8"));
    expect(raw.readUInt32BE(16)).toBeGreaterThan(payload.length);
  });

  it.each([0, 1, 11, 12, 13, 43, 44, 45, 100])(
    "pads a %i-byte message to a multiple of 32 with 1..32 bytes",
    (size) => {
      const message = "x".repeat(size);
      const raw = rawPlain(VECTOR_1, crypto.encrypt(message));
      const pad = raw[raw.length - 1] ?? 0;
      expect(raw.length % 32).toBe(0);
      expect(pad).toBeGreaterThanOrEqual(1);
      expect(pad).toBeLessThanOrEqual(32);
      expect(raw.length - pad).toBe(16 + 4 + size + VECTOR_1.ownerKey.length);
      expect(crypto.decrypt(crypto.encrypt(message)).message).toBe(message);
    },
  );

  it("draws a fresh 16-character [A-Za-z0-9] prefix for every encryption by default", () => {
    const first = crypto.decrypt(crypto.encrypt("success"));
    const second = crypto.decrypt(crypto.encrypt("success"));
    expect(first.randomPrefix).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(second.randomPrefix).not.toBe(first.randomPrefix);
  });

  it("accepts Base64 wrapped at 76 columns (the official Python file's output), signed as sent", () => {
    const v = VECTOR_3;
    const lines = v.encrypt.match(/.{1,76}/g) ?? [];
    expect(lines.length).toBeGreaterThan(2);
    const local = cryptoOf(v);
    for (const wrapped of [`${lines.join("\n")}\n`, lines.join("\r\n")]) {
      const signature = local.sign(v.timestamp, v.nonce, wrapped);
      expect(local.open({ signature, timestamp: v.timestamp, nonce: v.nonce, encrypt: wrapped })).toBe(
        v.plain,
      );
    }
  });
});

describe("successReply", () => {
  it("echoes the request's timestamp, signs a fresh nonce, and decrypts to success", () => {
    const v = VECTOR_1;
    const crypto = new DingCallbackCrypto(
      { token: v.token, aesKey: v.aesKey, ownerKey: v.ownerKey },
      { nonce: () => "n0nce0000000abcd", randomPrefix: () => v.randomPrefix },
    );
    const reply = crypto.successReply(v.timestamp);
    expect(reply.timeStamp).toBe(v.timestamp);
    expect(reply.nonce).toBe("n0nce0000000abcd");
    expect(reply.msg_signature).toBe(crypto.sign(reply.timeStamp, reply.nonce, reply.encrypt));
    const { msg_signature: signature, timeStamp: timestamp, nonce, encrypt } = reply;
    expect(crypto.open({ signature, timestamp, nonce, encrypt })).toBe("success");
    expect(crypto.decrypt(reply.encrypt).randomPrefix).toBe(v.randomPrefix);
  });

  it("makes a new nonce and ciphertext for each reply by default", () => {
    const crypto = cryptoOf(VECTOR_1);
    const [a, b] = [crypto.successReply("1"), crypto.successReply("1")];
    expect(a.nonce).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.encrypt).not.toBe(b.encrypt);
  });
});

describe("malformed ciphertexts (real AES, forged plaintexts)", () => {
  const v = VECTOR_1;
  const crypto = cryptoOf(v);
  // 16 + 4 + 5 + 20 = 45 bytes of content: 19 bytes of padding reach 64.
  const content = layout("hello", v.ownerKey);
  const open = (plain: Buffer) => () => crypto.decrypt(encryptRaw(v.aesKey, plain));

  it("accepts the correct padding (control), and 16-byte padding as the Go and Rust samples send", () => {
    expect(open(withPad(content, 19))().message).toBe("hello");
    expect(open(withPad(content, 3))().message).toBe("hello");
  });

  it.each([
    ["pad value 0", withPad(content, 19, 0)],
    ["pad value 33", withPad(content, 19, 33)],
    ["pad value 255", withPad(content, 19, 255)],
    ["pad value 20 over 19 pad bytes", withPad(content, 19, 20)],
    [
      "one pad byte differing",
      Buffer.concat([content, Buffer.alloc(9, 19), Buffer.from([7]), Buffer.alloc(9, 19)]),
    ],
  ])("refuses %s (900008, 400)", (_, plain) => {
    expect(plain.length % 16).toBe(0);
    expectCryptoError(open(plain), 900008, 400, secretsOf(v));
  });

  it("refuses a length field that runs past the plaintext (900009, 400)", () => {
    expectCryptoError(open(withPad(layout("hello", v.ownerKey, 1000), 19)), 900009, 400, secretsOf(v));
    expectCryptoError(open(withPad(Buffer.from("0123456789ab"), 4)), 900009, 400, secretsOf(v));
  });

  it("refuses a message that is not UTF-8 (900001, 400)", () => {
    const bad = Buffer.concat([Buffer.from("0123456789abcdef"), Buffer.from([0, 0, 0, 2, 0xc3, 0x28])]);
    const plain = Buffer.concat([bad, Buffer.from(v.ownerKey)]);
    expectCryptoError(open(pkcs7Pad(plain)), 900001, 400, secretsOf(v));
  });

  it("refuses a ciphertext truncated by a block or by characters (400)", () => {
    const bytes = Buffer.from(v.encrypt, "base64");
    const byBlock = bytes.subarray(0, bytes.length - 16).toString("base64");
    expect(expectCryptoError(() => crypto.decrypt(byBlock), 900008, 400, secretsOf(v)).message).toMatch(
      /padding/,
    );
    const byBytes = bytes.subarray(0, bytes.length - 3).toString("base64");
    expectCryptoError(() => crypto.decrypt(byBytes), 900008, 400, secretsOf(v));
    expectCryptoError(() => crypto.decrypt(""), 900008, 400, secretsOf(v));
  });

  it.each([
    ["a space where a + was", v.encrypt.replace("+", " ")],
    ["a foreign character", `${v.encrypt.slice(0, 10)}!${v.encrypt.slice(10)}`],
    ["URL-safe Base64", v.encrypt.replaceAll("+", "-").replaceAll("/", "_")],
  ])("refuses non-canonical Base64: %s (900008, 400)", (_, encrypt) => {
    expectCryptoError(() => crypto.decrypt(encrypt), 900008, 400, secretsOf(v));
  });
});

describe("keys", () => {
  it.each([
    ["42 characters", VECTOR_1.aesKey.slice(0, 42)],
    ["44 characters", `${VECTOR_1.aesKey}A`],
    ["a character outside [A-Za-z0-9]", `${VECTOR_1.aesKey.slice(0, 42)}+`],
  ])("refuses an AES key of %s at construction (900004, 500), without quoting it", (_, aesKey) => {
    expectCryptoError(() => new DingCallbackCrypto({ token: "t", aesKey, ownerKey: "o" }), 900004, 500, [
      aesKey,
    ]);
  });

  it("refuses an empty token and a random prefix that is not 16 printable ASCII characters", () => {
    expectCryptoError(
      () => new DingCallbackCrypto({ token: "", aesKey: VECTOR_1.aesKey, ownerKey: "o" }),
      900006,
      500,
      [VECTOR_1.aesKey],
    );
    const crypto = cryptoOf(VECTOR_1);
    for (const prefix of ["short", "0123456789abcdefg", "0123456789abcde中"]) {
      expectCryptoError(() => crypto.encrypt("x", prefix), 900007, 500, secretsOf(VECTOR_1));
    }
  });
});
