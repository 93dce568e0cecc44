import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type Router from "@koa/router";
import type Koa from "koa";
import { z } from "zod";
import type { InboundEvent } from "../channels/channel.js";
import { LOCAL_CHANNEL } from "../channels/choose-channel.js";
import { createSendingWindow } from "../delivery/sending-window.js";
import { nextEventAt } from "../demo/next-event.js";
import { answerLocalEvent } from "../http/answer-local-event.js";
import { localOnly } from "../http/local-only.js";
import { readJsonBody } from "../http/read-json-body.js";
import { securityHeaders } from "../web/auth/security-headers.js";
import type { AssetUrls } from "../web/dashboard/static-assets.js";
import { chatOf } from "./chat-view.js";
import { feedOf } from "./feed-view.js";
import { loadSeed } from "./load-seed.js";
import { pickablePeople } from "./people-view.js";
import type { PlaygroundDeps } from "./playground-deps.js";
import { playgroundPage } from "./playground-page.js";

const HOUR = 3_600_000;
const MAX_BODY_BYTES = 16 * 1024;
/** The speeds the clock offers; anything else is refused. */
export const PLAYGROUND_SPEEDS = [0, 1, 60, 600, 3600] as const;

const sayBody = z.strictObject({ from: z.string().min(1), text: z.string().min(1).max(4000) });
const clickBody = z.strictObject({
  from: z.string().min(1),
  cardId: z.string().min(1),
  actionKey: z.string().min(1),
});
const clockBody = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("speed"),
    speed: z.number().refine((s) => PLAYGROUND_SPEEDS.some((x) => x === s)),
  }),
  z.strictObject({ action: z.literal("hour") }),
  z.strictObject({ action: z.literal("next") }),
]);

/**
 * The playground (体验台) at /: a newcomer picks a person of the directory, sees that person's chat
 * as the platform would show it, clicks buttons and writes replies and commands, all through the
 * same core and the local channel; drives the demo clock; watches the outbox and the audit log.
 * Loopback only (localOnly), and every request that changes something carries the page's token,
 * so no other page open in the browser can act through it.
 */
export function mountPlayground(router: Router, assets: AssetUrls, deps: PlaygroundDeps): void {
  const token = randomBytes(24).toString("base64url");
  const guard: Koa.Middleware = async (ctx, next) => {
    if (ctx.method === "POST" && !sameToken(ctx.get("x-playground-token"), token)) {
      ctx.status = 403;
      ctx.body = { error: "reload the playground: its token is missing or from an earlier start" };
      return;
    }
    await next();
  };
  const chain = [securityHeaders, localOnly, guard] as const;

  router.get("/", ...chain, (ctx) => {
    ctx.type = "text/html; charset=utf-8";
    ctx.body = playgroundPage(assets, token);
  });

  router.get("/playground/state", ...chain, async (ctx) => {
    const { people, directoryIsDemo } = deps.sources();
    const person = typeof ctx.query.person === "string" ? ctx.query.person : undefined;
    const current = await deps.store.registry.current();
    ctx.body = {
      clock: clockState(deps),
      registry: current
        ? {
            tasks: current.registry.tasks.length,
            importedAt: current.importedAt,
            title: current.registry.document.title,
          }
        : null,
      directoryIsDemo,
      ...(ctx.query.people === "1" ? { people: pickablePeople(people) } : {}),
      ...(person ? { chat: chatOf(deps.channel, person) } : {}),
      feed: await feedOf(deps.store, deps.channel, people),
    };
  });

  const inject = async (ctx: Koa.Context, event: InboundEvent) => {
    if (!deps.sources().people.byId(event.from)) {
      ctx.status = 400;
      ctx.body = { error: `${event.from} is not in the directory: pick a person from the list` };
      return;
    }
    await answerLocalEvent(ctx, deps, event);
  };
  const base = () => ({
    eventId: `playground-${randomUUID()}`,
    channel: LOCAL_CHANNEL,
    at: deps.clock.now().toISOString(),
  });

  router.post("/playground/say", ...chain, async (ctx) => {
    const body = await readJsonBody(ctx, sayBody, MAX_BODY_BYTES);
    if (body === undefined) return;
    await inject(ctx, { kind: "text", ...base(), ...body });
  });

  router.post("/playground/click", ...chain, async (ctx) => {
    const body = await readJsonBody(ctx, clickBody, MAX_BODY_BYTES);
    if (body === undefined) return;
    // A platform's click carries a token for changing the card (WeCom's ResponseCode): with it, the
    // card closes with the decision in the chat, as it does on the platform.
    await inject(ctx, {
      kind: "card-action",
      ...base(),
      ...body,
      updateToken: `playground-${randomUUID()}`,
    });
  });

  router.post("/playground/clock", ...chain, async (ctx) => {
    const clock = deps.demoClock;
    if (!clock) {
      ctx.status = 409;
      ctx.body = { error: "the service runs on real time: its clock cannot be moved" };
      return;
    }
    const body = await readJsonBody(ctx, clockBody, MAX_BODY_BYTES);
    if (body === undefined) return;
    const action = body;
    if (action.action === "speed") clock.setSpeed(action.speed);
    else if (action.action === "hour") clock.skipTo(new Date(clock.now().getTime() + HOUR));
    else {
      const { settings, calendar } = deps.sources();
      const window = createSendingWindow({ hours: settings.reminders.hours, calendar, random: Math.random });
      const at = await nextEventAt({
        now: clock.now(),
        jobs: deps.jobs,
        window,
        nextDueAt: () => deps.store.outbox.nextDueAt(),
      });
      if (at) clock.skipTo(at);
      ctx.body = { clock: clockState(deps), moved: at !== undefined };
      deps.logger.info("playground: clock moved to the next event", { to: at?.toISOString() ?? null });
      return;
    }
    deps.logger.info("playground: clock changed", { action: action.action, now: clock.now().toISOString() });
    ctx.body = { clock: clockState(deps), moved: true };
  });

  router.post("/playground/seed", ...chain, async (ctx) => {
    const { directory } = deps.sources();
    const outcome = await loadSeed({
      store: deps.store,
      directory,
      clock: deps.clock,
      ...(deps.demoClock ? { demoClock: deps.demoClock } : {}),
      file: deps.seedFile,
    });
    if (!outcome.loaded) {
      ctx.status = 409;
      ctx.body = {
        error:
          outcome.reason === "registry-exists"
            ? "a registry is already loaded: the seed goes only into an empty store"
            : `the seed notice could not be read: ${outcome.detail ?? ""}`,
      };
      return;
    }
    deps.logger.info("playground: seed loaded", {
      tasks: outcome.tasks,
      now: deps.clock.now().toISOString(),
    });
    // As at a start: the morning's jobs plan the day's reminders now, not at tomorrow's tick.
    await deps.runJobsNow();
    ctx.body = { ...outcome, clock: clockState(deps) };
  });
}

function clockState(deps: Pick<PlaygroundDeps, "clock" | "demoClock">) {
  return {
    now: deps.clock.now().toISOString(),
    controllable: deps.demoClock !== undefined,
    speed: deps.demoClock?.speed ?? 1,
    speeds: PLAYGROUND_SPEEDS,
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
