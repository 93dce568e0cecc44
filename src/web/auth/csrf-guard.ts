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
 */
export function csrfGuard(
  keys: WebKeys,
  signedIn: (ctx: Koa.Context) => Promise<SignedIn | undefined>,
): Koa.Middleware {
  return async (ctx, next) => {
    if (SAFE_METHODS.has(ctx.method)) return next();
    const origin = ctx.get("origin") || undefined;
    const secFetchSite = ctx.get("sec-fetch-site") || undefined;
    // Our own origin as the request reached us (Koa 3's ctx.origin is the Origin header itself).
    if (isCrossSite({ origin, secFetchSite }, `${ctx.protocol}://${ctx.host}`))
      return answerNotice(ctx, 403, m("forbiddenTitle"), [m("crossSiteRefused")]);
    const token = ctx.get(CSRF_HEADER) || (await formField(ctx, CSRF_FIELD));
    const current = await signedIn(ctx);
    if (!token || !current || !csrfTokenMatches(keys, current.session.sessionId, token))
      return answerNotice(ctx, 403, m("forbiddenTitle"), [m("csrfRefused")]);
    await next();
  };
}

async function formField(ctx: Koa.Context, name: string): Promise<string | undefined> {
  if (!ctx.is("application/x-www-form-urlencoded")) return undefined;
  const raw = await readRawBody(ctx.req, MAX_FORM_BYTES);
  if (raw === "too-large") return undefined;
  const form = new URLSearchParams(raw.toString("utf8"));
  ctx.state.form = form;
  return form.get(name) ?? undefined;
}
