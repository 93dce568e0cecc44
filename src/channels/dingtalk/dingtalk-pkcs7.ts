import { DINGTALK_CRYPTO_CODES, DingtalkCryptoError } from "./dingtalk-errors.js";

/**
 * DingTalk pads to 32-byte blocks (official Java `PKCS7Padding.BLOCK_SIZE = 32`; the official
 * vectors carry pad bytes 31, 27 and 22), which is why Node's automatic padding must stay off.
 */
export const DINGTALK_PAD_BLOCK = 32;

/** Always pads (an aligned input gets a whole block), to `block` bytes: 32 for DingTalk's replies. */
export function pkcs7Pad(data: Buffer, block: number = DINGTALK_PAD_BLOCK): Buffer {
  const padLength = block - (data.length % block);
  return Buffer.concat([data, Buffer.alloc(padLength, padLength)]);
}

/**
 * Strict removal of a pad of 1..32 bytes, every pad byte equal to its length. The official Go and
 * Rust samples pad to 16 bytes, so any whole number of AES blocks is accepted, not only multiples
 * of 32. No padding oracle arises because callers verify the signature over the ciphertext first.
 */
export function pkcs7Unpad(data: Buffer): Buffer {
  if (data.length === 0 || data.length % 16 !== 0) {
    throw illegal("decrypted length is not a whole number of AES blocks");
  }
  const padLength = data[data.length - 1] ?? 0;
  if (padLength < 1 || padLength > DINGTALK_PAD_BLOCK || padLength > data.length) {
    throw illegal("padding value outside 1..32");
  }
  for (let i = data.length - padLength; i < data.length; i++) {
    if (data[i] !== padLength) throw illegal("padding bytes are inconsistent");
  }
  return data.subarray(0, data.length - padLength);
}

function illegal(message: string): DingtalkCryptoError {
  return new DingtalkCryptoError(DINGTALK_CRYPTO_CODES.decrypt, message);
}
