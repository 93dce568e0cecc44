import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";

/** EncodingAESKey: exactly 43 chars of [A-Za-z0-9] (Doc 91144, Doc 96466). */
export const ENCODING_AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;

export interface AesKeyMaterial {
  key: Buffer;
  iv: Buffer;
}

/**
 * AESKey = Base64_Decode(EncodingAESKey + "="), 32 bytes (AES-256); IV = its first 16 bytes.
 * Checked by pattern first because Node's base64 decoder skips invalid characters silently.
 */
export function parseAesKey(encodingAesKey: string): AesKeyMaterial {
  if (!ENCODING_AES_KEY_PATTERN.test(encodingAesKey)) {
    throw new WecomCryptoError(
      WECOM_CRYPTO_CODES.illegalAesKey,
      "EncodingAESKey must be exactly 43 characters of [A-Za-z0-9]",
    );
  }
  const key = Buffer.from(`${encodingAesKey}=`, "base64");
  return { key, iv: key.subarray(0, 16) };
}
