import { createDecipheriv, type Decipher } from "node:crypto";

const BLOCK = 16;

/**
 * An ECB decipher for each key in use, by the key's Buffer: the platforms' key parsers give the
 * same Buffer for every callback of a configured key, and an entry goes with its Buffer.
 */
const deciphers = new WeakMap<Buffer, Decipher>();

/**
 * AES-256-CBC decryption of whole blocks, padding left to the caller (both platforms pad to
 * 32 bytes): what `createDecipheriv("aes-256-cbc", key, iv).setAutoPadding(false)` gives.
 *
 * Why not that call: it builds a native cipher object and its key schedule on every callback,
 * and the garbage collector must then finalise each one. CBC decryption is each block decrypted
 * alone (ECB) and XORed with the ciphertext block before it (the IV for the first), so one ECB
 * decipher per key serves every callback: with padding off and whole blocks in, `update` keeps
 * nothing between calls. `key` must not be written to while in use. Checked against the
 * platforms' official vectors (wecom-decrypt.test.ts, dingtalk-callback-crypto.test.ts).
 */
export function decryptCbcBlocks(key: Buffer, iv: Buffer, cipherText: Buffer): Buffer {
  if (cipherText.length === 0 || cipherText.length % BLOCK !== 0 || iv.length !== BLOCK) {
    throw new RangeError("AES-CBC decryption needs whole 16-byte blocks and a 16-byte IV");
  }
  let ecb = deciphers.get(key);
  if (!ecb) {
    ecb = createDecipheriv("aes-256-ecb", key, null).setAutoPadding(false);
    deciphers.set(key, ecb);
  }
  const plain = ecb.update(cipherText);
  if (plain.length !== cipherText.length) {
    // Not expected with whole blocks; a decipher holding a partial block is not used again.
    deciphers.delete(key);
    throw new Error("AES-ECB decryption returned a partial block");
  }
  for (let i = 0; i < BLOCK; i++) plain[i] = (plain[i] as number) ^ (iv[i] as number);
  for (let i = BLOCK; i < plain.length; i++) {
    plain[i] = (plain[i] as number) ^ (cipherText[i - BLOCK] as number);
  }
  return plain;
}
