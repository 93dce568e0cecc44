import { randomBytes } from "node:crypto";
import { z } from "zod";
import { openValue, sealValue } from "./signed-value.js";
import type { WebKeys } from "./web-keys.js";

/** How long a sign-in link sent in chat stays valid, on the service's clock. */
export const SIGN_IN_LINK_MS = 10 * 60_000;

const payloadSchema = z.strictObject({
  personId: z.string().min(1),
  expiresAt: z.number().int(),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

export type SignInClaim = z.infer<typeof payloadSchema>;

/** A signed, single-use sign-in token for `personId`, valid SIGN_IN_LINK_MS from `now`. */
export function createSignInToken(keys: WebKeys, personId: string, now: Date): string {
  return sealValue(keys, "sign-in-link", {
    personId,
    expiresAt: now.getTime() + SIGN_IN_LINK_MS,
    nonce: randomBytes(18).toString("base64url"),
  } satisfies SignInClaim);
}

/**
 * What a token says, when its signature holds (constant-time) and it has not expired at `now`.
 * That it was not used before is the caller's to check, through the store (claimSignIn).
 */
export function readSignInToken(
  keys: WebKeys,
  token: string,
  now: Date,
): { ok: true; claim: SignInClaim } | { ok: false; problem: "invalid" | "expired" } {
  const claim = openValue(keys, "sign-in-link", token, payloadSchema);
  if (!claim) return { ok: false, problem: "invalid" };
  // A link from further ahead than one validity is not one this service made.
  if (claim.expiresAt <= now.getTime() || claim.expiresAt > now.getTime() + SIGN_IN_LINK_MS)
    return { ok: false, problem: "expired" };
  return { ok: true, claim };
}

/**
 * The claim's TTL on the store's own (real) clock: longer than any link lives, so a used link stays
 * used until it has expired even when the service runs a demo clock slower than real time.
 */
export const SIGN_IN_CLAIM_TTL_MS = 24 * 3_600_000;

/** The store key that makes a link single-use. */
export const signInClaimKey = (claim: SignInClaim): string => `web-login:${claim.nonce}`;

/**
 * The store counter that marks a link as used once its claim succeeded, so that opening it again
 * says so without claiming anything (the claim alone decides); kept until the link expires.
 */
export const signInUsedKey = (claim: SignInClaim): string => `web-login-used:${claim.nonce}`;
