import type Koa from "koa";
import { AppError } from "../shared/errors.js";
import type { Logger } from "../shared/logger.js";

const STATUS: Record<string, number> = { bad_request: 400, input_unreadable: 400, not_found: 404 };

/** Turns thrown errors into a status and a safe body; unexpected errors are logged once, never shown. */
export function errorMiddleware(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const known = error instanceof AppError;
      ctx.status = known ? (STATUS[error.code] ?? 500) : ((error as { status?: number }).status ?? 500);
      ctx.body = { error: known && error.expose ? error.message : "internal error" };
      if (ctx.status >= 500) logger.error("request failed", { path: ctx.path, error });
    }
  };
}
