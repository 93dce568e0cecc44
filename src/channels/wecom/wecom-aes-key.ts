import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";

/** EncodingAESKey: exactly 43 chars of [A-Za-z0-9] (Doc 91144, Doc 96466). */
export const ENCODING_AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;

export interface AesKeyMaterial {
  readonly key: Buffer;
  readonly iv: Buffer;
}

// Every callback of an app uses the same key: it is checked and decoded once, not per request.
let last: { encodingAesKey: string; material: AesKeyMaterial } | undefined;

/**
 * AESKey = Base64_Decode(EncodingAESKey + "="), 32 bytes (AES-256); IV = its first 16 bytes.
 * Checked by pattern first because Node's base64 decoder skips invalid characters silently.
 * The buffers may be shared between calls: read them, never write to them.
 */
export function parseAesKey(encodingAesKey: string): AesKeyMaterial {
  if (last?.encodingAesKey === encodingAesKey) return last.material;
  if (!ENCODING_AES_KEY_PATTERN.test(encodingAesKey)) {
    throw new WecomCryptoError(
      WECOM_CRYPTO_CODES.illegalAesKey,
      "EncodingAESKey must be exactly 43 characters of [A-Za-z0-9]",
    );
  }
  const key = Buffer.from(`${encodingAesKey}=`, "base64");
  const material = { key, iv: key.subarray(0, 16) };
  last = { encodingAesKey, material };
  return material;
}
