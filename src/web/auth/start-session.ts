import type Koa from "koa";
import type { Logger } from "../../shared/logger.js";
import { revokeSession, type SessionDeps, type SignedIn } from "./resolve-session.js";
import { newSession, setSessionCookie } from "./session-cookie.js";

/**
 * Signs `personId` in on this browser once their proof was checked and spent: ends the session it
 * had (theirs), sets the new one's cookie, logs the person id only, and sends the browser to /web.
 */
export async function startSession(
  ctx: Koa.Context,
  deps: SessionDeps & { logger: Logger },
  sign: { personId: string; current?: SignedIn | undefined; via: string },
): Promise<void> {
  if (sign.current) await revokeSession(deps, sign.current.session);
  setSessionCookie(ctx, deps.keys, newSession(sign.personId, deps.clock.now()));
  deps.logger.info("web sign-in", { personId: sign.personId, via: sign.via });
  ctx.status = 303;
  ctx.redirect("/web");
}
