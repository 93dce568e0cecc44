import type { WebKeys } from "./web-keys.js";

/** The hidden form field (and the `x-csrf-token` header) that carries the token. */
export const CSRF_FIELD = "csrf";
export const CSRF_HEADER = "x-csrf-token";

/** A session's CSRF token: an HMAC of its id, so it needs no storage and dies with the session. */
export const csrfTokenFor = (keys: WebKeys, sessionId: string): string => keys.sign("csrf", sessionId);

export const csrfTokenMatches = (keys: WebKeys, sessionId: string, token: string): boolean =>
  keys.verify("csrf", sessionId, token);

/**
 * Whether the browser says the request comes from another site: Sec-Fetch-Site other than
 * same-origin (or none: typed in, a bookmark), or, from a browser that does not send it, an Origin
 * other than ours. Absent headers (old browsers, curl) leave the decision to the token.
 */
export function isCrossSite(
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  ownOrigin: string,
): boolean {
  // The browser's own word first. Under `Referrer-Policy: no-referrer` (which the console sends,
  // so that a sign-in token never leaks) Chromium sends `Origin: null` with its own forms' POSTs:
  // an opaque origin says nothing either way, and the CSRF token still has to match.
  const site = headers.secFetchSite;
  if (site !== undefined) return site !== "same-origin" && site !== "none";
  return headers.origin !== undefined && headers.origin !== "null" && headers.origin !== ownOrigin;
}
