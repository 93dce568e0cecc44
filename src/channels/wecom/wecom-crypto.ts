import { createCipheriv, randomBytes } from "node:crypto";
import { decryptCbcBlocks } from "../aes-cbc-decrypt.js";
import { parseAesKey } from "./wecom-aes-key.js";
import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";
import { pkcs7Pad, pkcs7Unpad } from "./wecom-pkcs7.js";

/*
 * Plaintext layout (Doc 91144):
 *   random (16 bytes) | msg_len (uint32 big-endian, UTF-8 BYTE length) | msg (UTF-8) | receiveid
 * then PKCS#7 to 32-byte blocks, AES-256-CBC with IV = key[0..16], Base64.
 * node:crypto is used directly because @wecom/crypto's decrypt keeps bad padding, skips bounds
 * checks and never compares the receiveid (brief §1.7).
 */
const RANDOM_BYTES = 16;
const HEADER_BYTES = RANDOM_BYTES + 4;
const AES_BLOCK = 16;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export interface DecryptedMessage {
  message: string;
  /** The sender's 16 random bytes; re-encrypting with them reproduces the ciphertext exactly. */
  random: Buffer;
}

/**
 * Decrypts an `<Encrypt>` text or echostr and insists that its receiveid equals `receiveId`
 * (the corp id for app callbacks, "" for AI-bot callbacks); a mismatch is the official -40005.
 */
export function decryptMessage(aesKey: string, encrypt: string, receiveId: string): DecryptedMessage {
  const { key, iv } = parseAesKey(aesKey);
  const cipherText = Buffer.from(encrypt, "base64");
  // Node's decoder skips invalid characters, so only a canonical round trip proves valid Base64.
  if (cipherText.length === 0 || cipherText.toString("base64") !== encrypt) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.decodeBase64, "ciphertext is not canonical Base64");
  }
  if (cipherText.length % AES_BLOCK !== 0) {
    throw new WecomCryptoError(
      WECOM_CRYPTO_CODES.decryptAes,
      "ciphertext is not a whole number of AES blocks",
    );
  }
  const plain = pkcs7Unpad(decryptCbcBlocks(key, iv, cipherText));
  if (plain.length < HEADER_BYTES) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.illegalBuffer, "plaintext is shorter than its header");
  }
  const messageEnd = HEADER_BYTES + plain.readUInt32BE(RANDOM_BYTES);
  if (messageEnd > plain.length) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.illegalBuffer, "msg_len exceeds the plaintext");
  }
  if (!plain.subarray(messageEnd).equals(Buffer.from(receiveId, "utf8"))) {
    throw new WecomCryptoError(
      WECOM_CRYPTO_CODES.validateCorpId,
      "receiveid does not match the configured id",
    );
  }
  return {
    message: decodeUtf8(plain.subarray(HEADER_BYTES, messageEnd)),
    random: Buffer.from(plain.subarray(0, RANDOM_BYTES)),
  };
}

/** Encrypts for passive replies and tests; pass `random` to reproduce a known ciphertext. */
export function encryptMessage(
  aesKey: string,
  message: string,
  receiveId: string,
  random: Buffer = randomBytes(RANDOM_BYTES),
): string {
  const { key, iv } = parseAesKey(aesKey);
  if (random.length !== RANDOM_BYTES) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.encryptAes, "random must be exactly 16 bytes");
  }
  const body = Buffer.from(message, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = pkcs7Pad(Buffer.concat([random, length, body, Buffer.from(receiveId, "utf8")]));
  const cipher = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.illegalBuffer, "message is not valid UTF-8", { cause });
  }
}
