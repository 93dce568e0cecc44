import { once } from "node:events";
import type { AddressInfo } from "node:net";
import Router from "@koa/router";
import Koa from "koa";
import type { InboundEvent } from "../../../../src/channels/channel.js";
import type { EventInbox } from "../../../../src/channels/channel-plugin.js";
import type { SessionWebhook } from "../../../../src/channels/dingtalk/dingtalk-contracts.js";
import {
  type DingtalkHttpDeps,
  type DingtalkRefusal,
  mountDingtalkHttpRoutes,
} from "../../../../src/channels/dingtalk/dingtalk-http-routes.js";
import { robotSign } from "../../../../src/channels/dingtalk/dingtalk-robot-sign.js";
import { errorMiddleware } from "../../../../src/http/error-middleware.js";
import type { Clock } from "../../../../src/shared/clock.js";
import { createLogger } from "../../../../src/shared/logger.js";

/**
 * An inbox that keeps events in memory: a first delivery is new, a repeat is not, and `down`
 * makes the store fail. `order` interleaves its calls with the app's "answered" (response finished).
 */
export interface FakeInbox extends EventInbox {
  accepted: InboundEvent[];
  processed: InboundEvent[];
  order: string[];
  down: boolean;
  /** Processing never ends: the acknowledgement must not wait for it. */
  hang: boolean;
}

export function fakeInbox(): FakeInbox {
  const seen = new Set<string>();
  const inbox: FakeInbox = {
    accepted: [],
    processed: [],
    order: [],
    down: false,
    hang: false,
    accept: async (event) => {
      if (inbox.down) throw new Error("SQLITE_BUSY: database is locked");
      inbox.order.push(`accept ${event.eventId}`);
      inbox.accepted.push(event);
      const fresh = !seen.has(event.eventId);
      seen.add(event.eventId);
      return fresh;
    },
    process: async (event) => {
      inbox.order.push(`process ${event.eventId}`);
      inbox.processed.push(event);
      if (inbox.hang) await new Promise(() => {});
    },
  };
  return inbox;
}

export interface DingtalkTestApp {
  base: string;
  inbox: FakeInbox;
  logLines: string[];
  refusals: DingtalkRefusal[];
  webhooks: Array<{ userId: string; webhook: SessionWebhook }>;
  /** Resolves when every piece of post-acknowledgement work has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface DingtalkTestAppOptions {
  config: DingtalkHttpDeps["config"];
  clock: Clock;
  maxBodyBytes?: number;
  random?: DingtalkHttpDeps["random"];
}

/** Built like the service's server (error middleware, then the routes), listening on loopback. */
export async function startDingtalkApp(options: DingtalkTestAppOptions): Promise<DingtalkTestApp> {
  const inbox = fakeInbox();
  const logLines: string[] = [];
  const refusals: DingtalkRefusal[] = [];
  const webhooks: DingtalkTestApp["webhooks"] = [];
  const tasks: Promise<unknown>[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logLines.push(line) });
  const app = new Koa();
  app.proxy = true;
  app.on("error", (error: Error) => logger.debug("koa error", { error }));
  const router = new Router();
  mountDingtalkHttpRoutes(router, {
    config: options.config,
    inbox,
    logger,
    clock: options.clock,
    onRefused: (reason) => refusals.push(reason),
    onSessionWebhook: (userId, webhook) => webhooks.push({ userId, webhook }),
    waitUntil: (task) => tasks.push(task),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  app.use(async (ctx, next) => {
    ctx.res.once("finish", () => inbox.order.push("answered"));
    await next();
  });
  app.use(errorMiddleware(logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    inbox,
    logLines,
    refusals,
    webhooks,
    settled: async () => {
      let done = 0;
      while (done < tasks.length) {
        const batch = tasks.slice(done);
        done = tasks.length;
        await Promise.all(batch);
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The headers DingTalk sends with a robot message signed at `nowMs`. */
export function robotHeaders(
  secret: string,
  nowMs: number,
): { "content-type": string; timestamp: string; sign: string } {
  const timestamp = String(nowMs);
  return {
    "content-type": "application/json; charset=utf-8",
    timestamp,
    sign: robotSign(timestamp, secret),
  };
}
