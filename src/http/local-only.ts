import type Koa from "koa";
import { isLoopback } from "../shared/is-loopback.js";

/**
 * For the routes that act as anyone (/dev, the playground): this machine only.
 * - the socket's address must be loopback (X-Forwarded-For is the client's word, never trusted);
 * - the Host must name this machine, so a web page whose domain was made to resolve to 127.0.0.1
 *   (DNS rebinding) cannot read them from a browser here;
 * - a request that changes something must be JSON, which a page elsewhere cannot send without a
 *   CORS preflight, never answered here (a form posting text/plain could otherwise).
 */
export const localOnly: Koa.Middleware = async (ctx, next) => {
  if (!isLoopback(ctx.req.socket.remoteAddress) || !isLocalHost(ctx.get("host"))) {
    ctx.status = 403;
    ctx.body = { error: "these routes answer only on loopback (http://localhost or http://127.0.0.1)" };
    return;
  }
  if (ctx.method !== "GET" && ctx.method !== "HEAD" && !ctx.is("application/json")) {
    ctx.status = 415;
    ctx.body = { error: "send the body as JSON, with Content-Type: application/json" };
    return;
  }
  await next();
};

/** localhost, a *.localhost name, or a loopback address, with or without a port; absent counts as local. */
export function isLocalHost(host: string): boolean {
  if (host === "") return true;
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : host.replace(/:\d+$/, "");
  const lower = name.toLowerCase();
  return lower === "localhost" || lower.endsWith(".localhost") || isLoopback(lower);
}
