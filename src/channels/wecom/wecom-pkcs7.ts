import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";

/**
 * WeCom pads to 32-byte blocks (official `PKCS7Encoder.block_size = 32`), not AES's 16, which is
 * why Node's automatic padding must stay off (brief §1.9: vector V2 has pad byte 0x1e = 30).
 */
export const WECOM_PAD_BLOCK = 32;

/** Always pads: an aligned input gets a full block of 0x20, or WeCom cannot decrypt the reply. */
export function pkcs7Pad(data: Buffer): Buffer {
  const padLength = WECOM_PAD_BLOCK - (data.length % WECOM_PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(padLength, padLength)]);
}

/**
 * Strict removal: the length must be a non-zero multiple of 32 (hence of 16), the pad value
 * 1..32, and every pad byte equal to it. `@wecom/crypto` silently keeps bad padding instead.
 * No padding oracle arises because callers verify the signature over the ciphertext first.
 */
export function pkcs7Unpad(data: Buffer): Buffer {
  if (data.length === 0 || data.length % WECOM_PAD_BLOCK !== 0) {
    throw illegal("decrypted length is not a multiple of 32 bytes");
  }
  const padLength = data[data.length - 1] ?? 0;
  if (padLength < 1 || padLength > WECOM_PAD_BLOCK) {
    throw illegal("padding value outside 1..32");
  }
  for (let i = data.length - padLength; i < data.length; i++) {
    if (data[i] !== padLength) throw illegal("padding bytes are inconsistent");
  }
  return data.subarray(0, data.length - padLength);
}

function illegal(message: string): WecomCryptoError {
  return new WecomCryptoError(WECOM_CRYPTO_CODES.illegalBuffer, message);
}
