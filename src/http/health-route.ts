import type Router from "@koa/router";
import type { HealthBody } from "../health/check-health.js";

/** Answers one health request; built by src/health/check-health.ts. */
export type HealthCheck = () => Promise<{ healthy: boolean; body: HealthBody }>;

/**
 * GET /healthz: 200 when the store answers and every background part that was started still runs,
 * 503 otherwise (a load balancer takes the instance out). Warnings are listed, never a 503.
 */
export function healthRoute(router: Router, check: HealthCheck): void {
  router.get("/healthz", async (ctx) => {
    const { healthy, body } = await check();
    ctx.status = healthy ? 200 : 503;
    ctx.body = body;
  });
}
