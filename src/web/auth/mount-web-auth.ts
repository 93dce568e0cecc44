import type Router from "@koa/router";
import type Koa from "koa";
import { channelLabel } from "../../channels/channel-label.js";
import type { Logger } from "../../shared/logger.js";
import type { Store } from "../../store/store.js";
import { messages } from "../../templates/template-store.js";
import { html } from "../dashboard/escape-html.js";
import type { Viewer } from "../viewer.js";
import { csrfGuard } from "./csrf-guard.js";
import { csrfTokenFor } from "./csrf-token.js";
import { answerNotice } from "./notice-page.js";
import { mountPlatformSignIn, type PlatformSignIns } from "./platform-sign-in-routes.js";
import { resolveSignedIn, revokeSession, type SessionDeps } from "./resolve-session.js";
import { securityHeaders } from "./security-headers.js";
import { clearSessionCookie } from "./session-cookie.js";
import { SIGN_IN_PATH } from "./sign-in-form.js";
import { mountSignIn } from "./sign-in-routes.js";

const m = messages("web");

export interface WebAuthDeps extends SessionDeps {
  store: Pick<Store, "claimOnce">;
  logger: Logger;
  /** Sign-in from inside a platform's app (WeCom's 网页授权), when one is on and PUBLIC_BASE_URL is set. */
  platformSignIns?: PlatformSignIns;
}

/** What the console's pages use to know who looks and to guard their forms. */
export interface WebAuth {
  /** The Viewer of the request's session, or undefined when nobody is signed in. */
  viewerOf(ctx: Koa.Context): Promise<Viewer | undefined>;
  /**
   * For /web pages: signed out → 401 page saying how to get a link; otherwise sets
   * `ctx.state.viewer` (a Viewer) and goes on.
   */
  requireViewer: Koa.Middleware;
  /** The session's CSRF token, for the hidden `csrf` field of every form (undefined when signed out). */
  csrfToken(ctx: Koa.Context): Promise<string | undefined>;
}

/**
 * The console's sign-in and security frame, mounted on `router` before any /web page (its guards
 * run for the /web routes registered after it): security headers on every /web response, the
 * CSRF check on every non-GET one, GET /web/login?t=<token> (a link sent by /看板: a page with
 * one button) and its POST /web/login (sign-in-routes.ts), a platform's own sign-in at
 * GET /web/<channel> when configured (platform-sign-in-routes.ts), POST /web/logout, GET /web/signed-out and GET /web/whoami (JSON: the Viewer and
 * the session's CSRF token).
 */
export function mountWebAuth(router: Router, deps: WebAuthDeps): WebAuth {
  const signedIn = (ctx: Koa.Context) => resolveSignedIn(deps, ctx);
  // Where a platform's own sign-in is on, the page offers it: one tap inside the platform's app.
  const platformButtons = [...(deps.platformSignIns?.platforms.keys() ?? [])].map(
    (channel) =>
      html`<p><a class="button" href="/web/${channel}">${m("platformSignInButton", { platform: channelLabel(channel) })}</a></p>`,
  );
  const auth: WebAuth = {
    viewerOf: async (ctx) => (await signedIn(ctx))?.viewer,
    async requireViewer(ctx, next) {
      const current = await signedIn(ctx);
      if (!current)
        return answerNotice(
          ctx,
          401,
          m("unauthorizedTitle"),
          [m("unauthorizedText"), m("newLinkHint")],
          platformButtons.join(""),
        );
      ctx.state.viewer = current.viewer;
      await next();
    },
    async csrfToken(ctx) {
      const current = await signedIn(ctx);
      return current && csrfTokenFor(deps.keys, current.session.sessionId);
    },
  };

  router.use("/web", securityHeaders, csrfGuard(deps.keys, signedIn, SIGN_IN_PATH));

  mountSignIn(router, deps, signedIn);
  if (deps.platformSignIns) mountPlatformSignIn(router, deps, signedIn, deps.platformSignIns);

  router.post("/web/logout", async (ctx) => {
    // The CSRF guard let the request through, so a session is there.
    const current = await signedIn(ctx);
    if (current) {
      await revokeSession(deps, current.session);
      deps.logger.info("web sign-out", { personId: current.session.personId });
    }
    clearSessionCookie(ctx);
    ctx.status = 303;
    ctx.redirect("/web/signed-out");
  });

  router.get("/web/signed-out", (ctx) =>
    answerNotice(ctx, 200, m("signedOutTitle"), [m("signedOutText"), m("newLinkHint")]),
  );

  // Who is signed in (the console's header), and the session's CSRF token for a script's POSTs:
  // another site can send this request but cannot read its answer (no CORS headers).
  router.get("/web/whoami", auth.requireViewer, async (ctx) => {
    ctx.body = { ...(ctx.state.viewer as Viewer), csrf: await auth.csrfToken(ctx) };
  });

  return auth;
}
