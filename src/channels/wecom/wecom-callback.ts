import type { WecomConfig } from "./wecom-config.js";
import { decryptMessage } from "./wecom-crypto.js";
import { readEncryptField } from "./wecom-envelope.js";
import { WECOM_CRYPTO_CODES, type WecomCryptoCode, WecomCryptoError } from "./wecom-errors.js";
import { checkReplayWindow } from "./wecom-replay-window.js";
import { verifySignature } from "./wecom-signature.js";

/** URL-DECODED query values, as Koa's ctx.query or URLSearchParams give them (brief §1.9.3). */
export type CallbackQuery =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** What opening a callback needs; a full WecomConfig fits. `corpId` is "" for AI-bot callbacks. */
export type CallbackKeys = Pick<WecomConfig, "token" | "aesKey" | "corpId" | "replayWindowS">;

export interface OpenedCallback {
  /** The decrypted inner XML, authenticated and addressed to our corp. */
  plainXml: string;
  /** From the signed query, for reuse in a passive reply. */
  timestamp: string;
  nonce: string;
}

/**
 * GET URL verification (Doc 96466): returns the decrypted echostr, which the route must answer
 * verbatim (no quotes, BOM or newline) within 1 s.
 */
export function openWecomEchostr(request: { query: CallbackQuery }, keys: CallbackKeys, now: Date): string {
  const echostr = param(request.query, "echostr", WECOM_CRYPTO_CODES.parseXml);
  return open(request.query, echostr, keys, now).plainXml;
}

/**
 * POST message or event: outer XML → <Encrypt> → signature → replay window → decrypt → inner XML.
 * Throws WecomCryptoError (its `status` says 401 or 400) or WecomReplayError (401).
 */
export function openWecomCallback(
  request: { query: CallbackQuery; body: string | Buffer },
  keys: CallbackKeys,
  now: Date,
): OpenedCallback {
  return open(request.query, readEncryptField(request.body), keys, now);
}

function open(query: CallbackQuery, encrypt: string, keys: CallbackKeys, now: Date): OpenedCallback {
  const unsigned = WECOM_CRYPTO_CODES.validateSignature;
  const signature = param(query, "msg_signature", unsigned);
  const timestamp = param(query, "timestamp", unsigned);
  const nonce = param(query, "nonce", unsigned);
  // Signature first: nothing unauthenticated reaches the replay check or the AES/padding code.
  verifySignature(signature, { token: keys.token, timestamp, nonce, encrypt });
  checkReplayWindow(timestamp, keys.replayWindowS, now);
  const { message } = decryptMessage(keys.aesKey, encrypt, keys.corpId);
  return { plainXml: message, timestamp, nonce };
}

/** A parameter given exactly once and non-empty; a repeated one is ambiguous and refused. */
function param(query: CallbackQuery, name: string, code: WecomCryptoCode): string {
  const values = query instanceof URLSearchParams ? query.getAll(name) : [query[name] ?? []].flat();
  const [value] = values;
  if (values.length !== 1 || !value) {
    throw new WecomCryptoError(code, `query parameter ${name} is missing or repeated`);
  }
  return value;
}
