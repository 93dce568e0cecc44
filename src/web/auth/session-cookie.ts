import { randomBytes } from "node:crypto";
import type Koa from "koa";
import { z } from "zod";
import { openValue, sealValue } from "./signed-value.js";
import type { WebKeys } from "./web-keys.js";

/** A session lasts a working day, on the service's clock. */
export const SESSION_MS = 8 * 3_600_000;
export const SESSION_COOKIE = "duban_session";
/** The cookie is sent to the console only, not to the platforms' callbacks. */
export const SESSION_PATH = "/web";

const sessionSchema = z.strictObject({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  personId: z.string().min(1),
  expiresAt: z.number().int(),
});

/** What the session cookie holds, signed: revoked by id at logout (store counters). */
export type WebSession = z.infer<typeof sessionSchema>;

export function newSession(personId: string, now: Date): WebSession {
  return {
    sessionId: randomBytes(18).toString("base64url"),
    personId,
    expiresAt: now.getTime() + SESSION_MS,
  };
}

export const sealSession = (keys: WebKeys, session: WebSession): string =>
  sealValue(keys, "session", session);

/** The session a cookie value holds when its signature holds and it has not expired at `now`. */
export function openSession(keys: WebKeys, value: string, now: Date): WebSession | undefined {
  const session = openValue(keys, "session", value, sessionSchema);
  return session && session.expiresAt > now.getTime() ? session : undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on other sites' POSTs), Secure when the
 * request came over HTTPS: Koa's `ctx.secure`, which believes X-Forwarded-Proto because the app
 * trusts its proxy (src/http/create-server.ts sets `app.proxy`). The browser's copy lasts
 * `maxAgeMs` of real time (Max-Age): the session's own expiry, checked on the service's clock, may
 * be a demo clock's, years from the browser's.
 */
export function sessionCookieOptions(
  ctx: Koa.Context,
  maxAgeMs?: number,
): Parameters<Koa.Context["cookies"]["set"]>[2] {
  return {
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.secure,
    path: SESSION_PATH,
    ...(maxAgeMs === undefined ? {} : { maxAge: maxAgeMs }),
    overwrite: true,
    signed: false,
  };
}

export function setSessionCookie(ctx: Koa.Context, keys: WebKeys, session: WebSession): void {
  ctx.cookies.set(SESSION_COOKIE, sealSession(keys, session), sessionCookieOptions(ctx, SESSION_MS));
}

export function clearSessionCookie(ctx: Koa.Context): void {
  // An empty value makes `cookies` send an expiry in 1970: the browser drops the cookie.
  ctx.cookies.set(SESSION_COOKIE, "", sessionCookieOptions(ctx));
}
