import type Router from "@koa/router";

/** What the health check reports; each part is read fresh on every request. */
export interface HealthSource {
  registry(): Promise<{ tasks: number; importedAt: string } | null>;
  directory(): { units: number; demo: boolean };
  /** Resolves when the store answers; rejects otherwise. */
  store(): Promise<{ kind: string }>;
}

/** GET /healthz: 200 when the store answers, 503 otherwise (a load balancer takes the instance out). */
export function healthRoute(router: Router, source: HealthSource): void {
  router.get("/healthz", async (ctx) => {
    let store: { kind: string } | { error: string };
    try {
      store = await source.store();
    } catch {
      ctx.status = 503;
      ctx.body = { status: "unavailable", store: { error: "the store does not answer" } };
      return;
    }
    ctx.body = { status: "ok", store, registry: await source.registry(), directory: source.directory() };
  });
}
