import type { WebKeys } from "./web-keys.js";

/** The hidden form field (and the `x-csrf-token` header) that carries the token. */
export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

/** A session's CSRF token: an HMAC of its id, so it needs no storage and dies with the session. */
export const csrfTokenFor = (keys: WebKeys, sessionId: string): string => keys.sign("csrf", sessionId);

export const csrfTokenMatches = (keys: WebKeys, sessionId: string, token: string): boolean =>
  keys.verify("csrf", sessionId, token);

/**
 * Whether the browser says the request comes from another site: an Origin other than ours, or
 * Sec-Fetch-Site other than same-origin (or none: typed in, a bookmark). Absent headers (old
 * browsers, curl) leave the decision to the token.
 */
export function isCrossSite(
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  ownOrigin: string,
): boolean {
  if (headers.origin !== undefined && headers.origin !== ownOrigin) return true;
  const site = headers.secFetchSite;
  return site !== undefined && site !== "same-origin" && site !== "none";
}
