import { randomBytes } from "node:crypto";
import type { WebKeys } from "./web-keys.js";

/** How long a browser has to come back from the platform's sign-in, on the service's clock. */
export const PLATFORM_SIGN_IN_MS = 10 * 60_000;

/**
 * The `state` sent through a platform's sign-in: letters and digits only, as WeCom allows, at most
 * 128 (here 109): a random nonce (32 hex), its expiry (ms, decimal) and an HMAC of both (64 hex).
 */
const STATE = /^([0-9a-f]{32})([0-9]{13,15})([0-9a-f]{64})$/;

const mac = (keys: WebKeys, data: string) =>
  Buffer.from(keys.sign("platform-sign-in", data), "base64url").toString("hex");

export function createPlatformState(keys: WebKeys, now: Date): { state: string; nonce: string } {
  const nonce = randomBytes(16).toString("hex");
  const data = `${nonce}${now.getTime() + PLATFORM_SIGN_IN_MS}`;
  return { state: `${data}${mac(keys, data)}`, nonce };
}

/** The state's nonce when its signature holds (constant-time) and it has not expired at `now`. */
export function readPlatformState(
  keys: WebKeys,
  state: string,
  now: Date,
): { ok: true; nonce: string; expiresAt: number } | { ok: false; problem: "invalid" | "expired" } {
  const [, nonce = "", expires = "", signature = ""] = STATE.exec(state) ?? [];
  const data = `${nonce}${expires}`;
  if (!nonce || !keys.verify("platform-sign-in", data, Buffer.from(signature, "hex").toString("base64url")))
    return { ok: false, problem: "invalid" };
  const expiresAt = Number(expires);
  if (expiresAt <= now.getTime() || expiresAt > now.getTime() + PLATFORM_SIGN_IN_MS)
    return { ok: false, problem: "expired" };
  return { ok: true, nonce, expiresAt };
}
