import { hash, timingSafeEqual } from "node:crypto";
import { WECOM_CRYPTO_CODES, WecomCryptoError } from "./wecom-errors.js";

/** The four strings a `msg_signature` covers; `encrypt` is the URL-decoded echostr or the <Encrypt> text. */
export interface SignedParts {
  token: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

/**
 * msg_signature = lower-case hex SHA1 of the lexicographically sorted, concatenated parts
 * (Doc 91144; official `SHA1.getSHA1`). JS sorts by UTF-16 code unit, which equals the official
 * byte order for the ASCII values WeCom uses.
 */
export function computeSignature({ token, timestamp, nonce, encrypt }: SignedParts): string {
  // The one-shot hash (Node ≥ 20.12) skips building a Hash object: it runs on every callback.
  return hash("sha1", [token, timestamp, nonce, encrypt].sort().join(""), "hex");
}

/**
 * Throws -40001 unless `signature` matches. The comparison is constant-time so that response
 * timing does not reveal how many leading characters of a forged signature were right.
 */
export function verifySignature(signature: string, parts: SignedParts): void {
  const expected = Buffer.from(computeSignature(parts), "utf8");
  const given = Buffer.from(signature, "utf8");
  // timingSafeEqual requires equal lengths; a different length is simply a mismatch.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WecomCryptoError(WECOM_CRYPTO_CODES.validateSignature, "msg_signature does not match");
  }
}
