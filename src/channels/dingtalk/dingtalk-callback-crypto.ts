import { hash, randomInt, timingSafeEqual } from "node:crypto";
import { type AesKeyMaterial, decryptBlocks, encryptBlocks, parseAesKey } from "./dingtalk-aes.js";
import { DINGTALK_CRYPTO_CODES, DingtalkCryptoError } from "./dingtalk-errors.js";
import { pkcs7Pad, pkcs7Unpad } from "./dingtalk-pkcs7.js";

/*
 * DingCallbackCrypto (brief §5; official open-dingtalk/DingTalk-Callback-Crypto):
 *   random (16 ASCII bytes) | len (uint32 big-endian, UTF-8 BYTE length) | msg (UTF-8) | ownerKey
 * PKCS#7 to 32-byte blocks, AES-256-CBC with IV = key[0..16), Base64. The signature is the
 * lower-case hex SHA1 of the sorted token, timestamp, nonce and encrypt, concatenated.
 * Written on node:crypto because `dingtalk-encrypt` (the Node library the official README links)
 * mangles Chinese and throws on "%" (brief §5.5), and the official Python file counts characters.
 */
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const RANDOM_PREFIX = /^[\x21-\x7e]{16}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export interface DingCallbackKeys {
  /** The 事件订阅 签名 token. */
  token: string;
  /** The 事件订阅 加密 aes_key (43 characters). */
  aesKey: string;
  /** The app's Client ID (AppKey) for an internal app; corpId (old API) or suiteKey (ISV) elsewhere. */
  ownerKey: string;
}

/** What one signed callback carries: the query's three values and the body's `encrypt`. */
export interface SignedEncrypt {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

/** The JSON an event callback is answered with; DingTalk checks that it decrypts to "success". */
export interface EncryptedReply {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

export interface DecryptedCallback {
  message: string;
  /** The sender's 16 random bytes as text; re-encrypting with them reproduces the ciphertext. */
  randomPrefix: string;
}

export interface DingCallbackRandom {
  /** 16 printable ASCII characters; default: [A-Za-z0-9], as the official libraries draw them. */
  randomPrefix?: () => string;
  /** The reply's nonce; default: 16 characters of [A-Za-z0-9]. */
  nonce?: () => string;
}

export class DingCallbackCrypto {
  readonly #token: string;
  readonly #ownerKey: Buffer;
  readonly #material: AesKeyMaterial;
  readonly #randomPrefix: () => string;
  readonly #nonce: () => string;

  /** Throws a 900004 DingtalkCryptoError (status 500) for a key that is not 43 characters. */
  constructor(keys: DingCallbackKeys, random: DingCallbackRandom = {}) {
    if (keys.token.length === 0) {
      throw new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.computeSignature, "the token is empty");
    }
    this.#token = keys.token;
    this.#ownerKey = Buffer.from(keys.ownerKey, "utf8");
    this.#material = parseAesKey(keys.aesKey);
    this.#randomPrefix = random.randomPrefix ?? (() => alphanumeric(RANDOM_BYTES));
    this.#nonce = random.nonce ?? (() => alphanumeric(16));
  }

  /** msg_signature: lower-case hex SHA1 of the sorted parts. JS sorts by UTF-16 unit: ASCII order. */
  sign(timestamp: string, nonce: string, encrypt: string): string {
    return hash("sha1", [this.#token, timestamp, nonce, encrypt].sort().join(""), "hex");
  }

  /**
   * Throws 900005 (401) unless `signature` matches, compared in constant time so that timing does
   * not reveal how much of a forged signature was right. The signature covers `encrypt` exactly
   * as received, line breaks included.
   */
  verify({ signature, timestamp, nonce, encrypt }: SignedEncrypt): void {
    const expected = Buffer.from(this.sign(timestamp, nonce, encrypt), "utf8");
    const given = Buffer.from(signature, "utf8");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.signature, "msg_signature does not match");
    }
  }

  /** Verifies, then decrypts: nothing unauthenticated reaches the AES and padding code. */
  open(signed: SignedEncrypt): string {
    this.verify(signed);
    return this.decrypt(signed.encrypt).message;
  }

  /**
   * Decrypts and insists that the trailing owner key is ours (900010, 401 otherwise). Base64
   * wrapped at 76 columns (the official Python file's output) is accepted.
   */
  decrypt(encrypt: string): DecryptedCallback {
    const base64 = encrypt.replace(/\r?\n/g, "");
    const cipherText = Buffer.from(base64, "base64");
    // Node's decoder skips invalid characters, so only a canonical round trip proves valid Base64.
    if (cipherText.length === 0 || cipherText.toString("base64") !== base64) {
      throw new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.decrypt, "encrypt is not canonical Base64");
    }
    const plain = pkcs7Unpad(decryptBlocks(this.#material, cipherText));
    if (plain.length < HEADER_BYTES) {
      throw new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.length, "plaintext is shorter than its header");
    }
    const messageEnd = HEADER_BYTES + plain.readUInt32BE(RANDOM_BYTES);
    if (messageEnd > plain.length) {
      throw new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.length, "the length field exceeds the plaintext");
    }
    if (!plain.subarray(messageEnd).equals(this.#ownerKey)) {
      throw new DingtalkCryptoError(
        DINGTALK_CRYPTO_CODES.ownerKey,
        "the owner key does not match the configured one (the app's Client ID)",
      );
    }
    return {
      message: decodeUtf8(plain.subarray(HEADER_BYTES, messageEnd)),
      randomPrefix: plain.subarray(0, RANDOM_BYTES).toString("latin1"),
    };
  }

  /** Encrypts with 32-byte padding, as the official Java library does; pass `randomPrefix` to reproduce. */
  encrypt(message: string, randomPrefix: string = this.#randomPrefix()): string {
    if (!RANDOM_PREFIX.test(randomPrefix)) {
      throw new DingtalkCryptoError(
        DINGTALK_CRYPTO_CODES.encrypt,
        "the random prefix must be 16 printable ASCII characters",
      );
    }
    const body = Buffer.from(message, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = pkcs7Pad(
      Buffer.concat([Buffer.from(randomPrefix, "latin1"), length, body, this.#ownerKey]),
    );
    return encryptBlocks(this.#material, plain).toString("base64");
  }

  /**
   * The answer to an event callback: `success` encrypted and signed. `timestamp` echoes the
   * request's (brief §9: older callbacks expect their own back); the nonce is fresh.
   */
  successReply(timestamp: string): EncryptedReply {
    const nonce = this.#nonce();
    const encrypt = this.encrypt("success");
    return { msg_signature: this.sign(timestamp, nonce, encrypt), timeStamp: timestamp, nonce, encrypt };
  }
}

function alphanumeric(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.plaintext, "message is not valid UTF-8", { cause });
  }
}
