import { createCipheriv } from "node:crypto";
import { decryptCbcBlocks } from "../aes-cbc-decrypt.js";
import { DINGTALK_CRYPTO_CODES, DingtalkCryptoError } from "./dingtalk-errors.js";

/** The 事件订阅 加密 aes_key: exactly 43 characters of [A-Za-z0-9] (official error 900004 otherwise). */
export const DINGTALK_AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;

export interface AesKeyMaterial {
  readonly key: Buffer;
  readonly iv: Buffer;
}

/**
 * key = Base64_Decode(aesKey + "="), 32 bytes (AES-256); IV = its first 16 bytes (brief §5.1).
 * Checked by pattern first because Node's Base64 decoder skips invalid characters silently.
 */
export function parseAesKey(aesKey: string): AesKeyMaterial {
  if (!DINGTALK_AES_KEY_PATTERN.test(aesKey)) {
    throw new DingtalkCryptoError(
      DINGTALK_CRYPTO_CODES.aesKey,
      "the AES key must be exactly 43 characters of [A-Za-z0-9]",
    );
  }
  const key = Buffer.from(`${aesKey}=`, "base64");
  return { key, iv: key.subarray(0, 16) };
}

/**
 * AES-256-CBC over whole blocks with Node's padding off: padding is the caller's, because DingTalk
 * pads to 32 bytes and Node's automatic PKCS#7 (16 bytes) throws on its ciphertexts.
 */
export function decryptBlocks({ key, iv }: AesKeyMaterial, cipherText: Buffer): Buffer {
  if (cipherText.length === 0 || cipherText.length % 16 !== 0) {
    throw new DingtalkCryptoError(
      DINGTALK_CRYPTO_CODES.decrypt,
      "ciphertext is not a whole number of AES blocks",
    );
  }
  return decryptCbcBlocks(key, iv, cipherText);
}

/** The inverse of decryptBlocks: `plain` must already be padded to whole blocks. */
export function encryptBlocks({ key, iv }: AesKeyMaterial, plain: Buffer): Buffer {
  if (plain.length === 0 || plain.length % 16 !== 0) {
    throw new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.encrypt, "plaintext is not padded to AES blocks");
  }
  const cipher = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}
