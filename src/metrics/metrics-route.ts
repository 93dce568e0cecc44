import type Router from "@koa/router";
import { isLoopback } from "../shared/is-loopback.js";
import type { Metrics } from "./create-metrics.js";

/** Who may read GET /metrics (DUBAN_METRICS, without `off`: then the route is not mounted). */
export type MetricsAccess = "loopback" | "open";

/**
 * GET /metrics: the Prometheus text exposition. With `loopback`, a request whose socket is not
 * from this machine gets 403 (X-Forwarded-For is never trusted; behind a reverse proxy on this
 * machine every request is loopback, so do not forward /metrics).
 */
export function mountMetricsRoute(
  router: Router,
  deps: { metrics: Pick<Metrics, "scrape" | "contentType">; access: MetricsAccess },
): void {
  router.get("/metrics", async (ctx) => {
    if (deps.access === "loopback" && !isLoopback(ctx.req.socket.remoteAddress)) {
      ctx.status = 403;
      ctx.type = "text/plain";
      ctx.body = "GET /metrics answers only on loopback; DUBAN_METRICS=open serves it to every address\n";
      return;
    }
    const body = await deps.metrics.scrape();
    ctx.type = deps.metrics.contentType;
    ctx.body = body;
  });
}
