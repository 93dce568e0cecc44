import Router from "@koa/router";
import Koa from "koa";
import type { Logger } from "../shared/logger.js";
import { errorMiddleware } from "./error-middleware.js";
import { type HealthCheck, healthRoute } from "./health-route.js";

export interface ServerDeps {
  logger: Logger;
  /** GET /healthz; left out by tests and benchmarks that serve other routes only. */
  health?: HealthCheck;
  /** Further routes (dev routes, platform callbacks), mounted after the health check. */
  routes?: Router;
}

/** The Koa app: error handling first, then the routes. `main` decides where it listens. */
export function createServer(deps: ServerDeps): Koa {
  const app = new Koa();
  app.proxy = true;
  // Koa reports errors outside the middleware chain (a client that hangs up mid-body) here;
  // without a listener it prints a stack trace to stderr.
  app.on("error", (error: Error) => deps.logger.warn("http error", { error }));
  const router = new Router();
  if (deps.health) healthRoute(router, deps.health);
  app.use(errorMiddleware(deps.logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  if (deps.routes) {
    app.use(deps.routes.routes());
    app.use(deps.routes.allowedMethods());
  }
  return app;
}
