import type Router from "@koa/router";

/** What the health check reports; each part is read fresh on every request. */
export interface HealthSource {
  registry(): Promise<{ tasks: number; importedAt: string } | null>;
  directory(): { units: number; demo: boolean };
}

export function healthRoute(router: Router, source: HealthSource): void {
  router.get("/healthz", async (ctx) => {
    ctx.body = { status: "ok", registry: await source.registry(), directory: source.directory() };
  });
}
