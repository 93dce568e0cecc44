import type Koa from "koa";

/**
 * Everything the console shows comes from this service: no inline script or style, no other
 * origin (an intranet has no internet, and nothing injected can load or send anything).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

/**
 * Set before the page is built, so refusals and errors carry them too. no-referrer: the sign-in
 * link's token must not leak to whatever the page links to. no-store: a page shows one person's
 * tasks; a route serving static files may set its own Cache-Control afterwards.
 */
export const securityHeaders: Koa.Middleware = async (ctx, next) => {
  ctx.set("content-security-policy", CONTENT_SECURITY_POLICY);
  ctx.set("x-content-type-options", "nosniff");
  ctx.set("referrer-policy", "no-referrer");
  ctx.set("x-frame-options", "DENY");
  ctx.set("cache-control", "no-store");
  await next();
};
