import type Koa from "koa";
import { readRawBody } from "../../shared/read-raw-body.js";
import { messages } from "../../templates/template-store.js";
import { CSRF_FIELD, CSRF_HEADER, csrfTokenMatches, isCrossSite } from "./csrf-token.js";
import { answerNotice } from "./notice-page.js";
import type { SignedIn } from "./resolve-session.js";
import type { WebKeys } from "./web-keys.js";

const m = messages("web");
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** A console form holds a few fields; anything larger is no form of ours. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * Every state-changing request under /web: refused (403) when the browser says it comes from
 * another site, or when it lacks the session's CSRF token (the `csrf` form field, or the
 * `x-csrf-token` header). A url-encoded form is read here to find the token; the routes after
 * find its fields in `ctx.state.form` (URLSearchParams), as the body can be read only once.
 *
 * `signInPath` (POST /web/login, the sign-in page's form) is posted before any session exists, so
 * it has no CSRF token to carry: the single-use signed token in its form is the proof, checked by
 * its route. The cross-site check still applies, so another site cannot post its own visitor's
 * browser into someone's session (login CSRF), and the route refuses a browser where someone else
 * is signed in.
 */
export function csrfGuard(
  keys: WebKeys,
  signedIn: (ctx: Koa.Context) => Promise<SignedIn | undefined>,
  signInPath: string,
): Koa.Middleware {
  return async (ctx, next) => {
    if (SAFE_METHODS.has(ctx.method)) return next();
    const origin = ctx.get("origin") || undefined;
    const secFetchSite = ctx.get("sec-fetch-site") || undefined;
    // Our own origin as the request reached us (Koa 3's ctx.origin is the Origin header itself).
    if (isCrossSite({ origin, secFetchSite }, `${ctx.protocol}://${ctx.host}`))
      return answerNotice(ctx, 403, m("forbiddenTitle"), [m("crossSiteRefused")]);
    // An exact match: any other spelling the router might accept is held to the CSRF token.
    if (ctx.method === "POST" && ctx.path === signInPath) {
      await readForm(ctx);
      return next();
    }
    const token = ctx.get(CSRF_HEADER) || (await readForm(ctx))?.get(CSRF_FIELD);
    const current = await signedIn(ctx);
    if (!token || !current || !csrfTokenMatches(keys, current.session.sessionId, token))
      return answerNotice(ctx, 403, m("forbiddenTitle"), [m("csrfRefused")]);
    await next();
  };
}

/** The url-encoded form of the request, kept in `ctx.state.form`; undefined for any other body. */
async function readForm(ctx: Koa.Context): Promise<URLSearchParams | undefined> {
  if (!ctx.is("application/x-www-form-urlencoded")) return undefined;
  const raw = await readRawBody(ctx.req, MAX_FORM_BYTES);
  if (raw === "too-large") return undefined;
  const form = new URLSearchParams(raw.toString("utf8"));
  ctx.state.form = form;
  return form;
}
