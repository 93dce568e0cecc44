import { once } from "node:events";
import type { AddressInfo } from "node:net";
import Router from "@koa/router";
import Koa from "koa";
import { afterEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../../../src/channels/channel.js";
import type { EventInbox, SharedCounters } from "../../../../src/channels/channel-plugin.js";
import { mountDingtalkActRoute } from "../../../../src/channels/dingtalk/dingtalk-act-route.js";
import {
  type ActionLinkClaims,
  actionLinkKey,
  signActionLink,
} from "../../../../src/channels/dingtalk/dingtalk-action-link.js";
import { errorMiddleware } from "../../../../src/http/error-middleware.js";
import { type Clock, fixedClock } from "../../../../src/shared/clock.js";
import { PUBLIC, quietLogger, SECRET } from "./dingtalk-cards-kit.js";

const NOW = Date.parse("2026-03-02T01:00:00.000Z");
const key = actionLinkKey(SECRET);
const claims: ActionLinkClaims = {
  cardId: "duban-0123456789abcdef0123456789abcdef01234567",
  actionKey: "ack",
  choice: "签收",
  userId: "manager4220",
  expiresAtMs: NOW + 3600_000,
  nonce: "AAAAAAAAAAAAAAAAAAAAAA",
};

/** The service's inbox as the route sees it: dedupes on the event id like the real one, can fail. */
function fakeInbox() {
  const stored = new Map<string, InboundEvent>();
  const processed: InboundEvent[] = [];
  const state = { failing: false };
  const inbox: EventInbox = {
    accept: async (event) => {
      if (state.failing) throw new Error("store down");
      const key = `${event.channel}:${event.eventId}`;
      if (stored.has(key)) return false;
      stored.set(key, event);
      return true;
    },
    process: async (event) => void processed.push(event),
  };
  return { inbox, stored, processed, state };
}

/** Counters in memory, with the store's semantics (SharedCounters). */
function memoryCounters(): SharedCounters {
  const values = new Map<string, { total: number; expiresAt: Date }>();
  return {
    add: async (name, by, expiresAt) => {
      const total = (values.get(name)?.total ?? 0) + by;
      values.set(name, { total, expiresAt });
      return total;
    },
    read: async (name, now) => {
      const entry = values.get(name);
      return entry && entry.expiresAt > now ? entry.total : 0;
    },
  };
}

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of servers.splice(0)) await close();
});

async function startApp(options: { clock?: Clock; usedTokens?: SharedCounters } = {}) {
  const { inbox, stored, processed, state } = fakeInbox();
  const { logger, lines } = quietLogger();
  const tasks: Promise<unknown>[] = [];
  const app = new Koa();
  app.proxy = true;
  const router = new Router();
  mountDingtalkActRoute(router, {
    config: { clientSecret: SECRET, publicBaseUrl: PUBLIC },
    inbox,
    clock: options.clock ?? fixedClock(new Date(NOW)),
    logger,
    ...(options.usedTokens ? { usedTokens: options.usedTokens } : {}),
    waitUntil: (task) => tasks.push(task),
  });
  app.use(errorMiddleware(logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  servers.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const base = `http://127.0.0.1:${port}`;
  const url = (token: string) => `${base}/dingtalk/act/${token}`;
  const post = (token: string, headers: Record<string, string> = { Origin: PUBLIC }) =>
    fetch(url(token), { method: "POST", headers, body: "" });
  return {
    url,
    post,
    stored,
    processed,
    state,
    lines,
    settled: () => Promise.all(tasks),
  };
}

describe("GET /dingtalk/act/:token", () => {
  it("shows the choice with a confirm button, escaped, under a strict CSP, and records nothing", async () => {
    const app = await startApp();
    const token = signActionLink({ ...claims, choice: '<script>alert("x")</script>&' }, key);
    const res = await fetch(app.url(token));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("script-src");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    expect(html).toContain("确认「&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;」？");
    expect(html).not.toContain("<script");
    expect(html).toContain('<form method="post"><button type="submit">确认</button></form>');
    expect(html).not.toMatch(/(src|href)=/);
    expect(app.stored.size).toBe(0);
  });

  it("answers a forged link 403 and an expired one 410, without a button", async () => {
    const app = await startApp();
    const token = signActionLink(claims, key);
    const forged = await fetch(app.url(`${token.slice(0, -3)}AAA`));
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("此链接无效");
    const expired = await fetch(app.url(signActionLink({ ...claims, expiresAtMs: NOW - 1000 }, key)));
    expect(expired.status).toBe(410);
    const html = await expired.text();
    expect(html).toContain("此链接已过期");
    expect(html).not.toContain("<form");
  });
});

describe("POST /dingtalk/act/:token", () => {
  it("records the named person's choice once, answers, then processes it", async () => {
    const app = await startApp();
    const token = signActionLink(claims, key);
    const res = await app.post(token);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已记录：签收。");
    await app.settled();
    const event: InboundEvent = {
      kind: "card-action",
      eventId: `dingtalk:act:${claims.nonce}`,
      channel: "dingtalk",
      from: "manager4220",
      cardId: claims.cardId,
      actionKey: "ack",
      at: new Date(NOW).toISOString(),
    };
    expect([...app.stored.values()]).toEqual([event]);
    expect(app.processed).toEqual([event]);
  });

  it("says the link is used on a second use, of it or of another button of the same card, and records nothing", async () => {
    const app = await startApp();
    await app.post(signActionLink(claims, key));
    const again = await app.post(signActionLink(claims, key));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("此链接已使用");
    const other = await app.post(
      signActionLink({ ...claims, actionKey: "on-track", choice: "正常推进" }, key),
    );
    expect(other.status).toBe(409);
    await app.settled();
    expect(app.stored.size).toBe(1);
    expect(app.processed).toHaveLength(1);
  });

  it("shows a spent link as used on opening it again, when the used links are remembered", async () => {
    const app = await startApp({ usedTokens: memoryCounters() });
    const token = signActionLink(claims, key);
    expect(await (await fetch(app.url(token))).text()).toContain("<form");
    await app.post(token);
    const reopened = await fetch(app.url(token));
    expect(reopened.status).toBe(200);
    const html = await reopened.text();
    expect(html).toContain("此链接已使用");
    expect(html).not.toContain("<form");
  });

  it("answers 503 and records nothing when the store fails; the link still works afterwards", async () => {
    const app = await startApp();
    app.state.failing = true;
    const token = signActionLink(claims, key);
    const res = await app.post(token);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("暂时无法记录");
    expect(app.processed).toHaveLength(0);
    app.state.failing = false;
    expect((await app.post(token)).status).toBe(200);
  });

  it("refuses a forged token 403 and an expired one 410, recording nothing", async () => {
    const app = await startApp();
    const token = signActionLink(claims, key);
    const [payload = "", signature = ""] = token.split(".");
    const other = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), u: "0156_li" }),
    ).toString("base64url");
    expect((await app.post(`${other}.${signature}`)).status).toBe(403);
    expect((await app.post(signActionLink({ ...claims, expiresAtMs: NOW - 1000 }, key))).status).toBe(410);
    expect(app.stored.size).toBe(0);
  });

  it("expires with time: a link opened after its expiry records nothing", async () => {
    let now = NOW;
    const app = await startApp({ clock: { now: () => new Date(now) } });
    const token = signActionLink(claims, key);
    now = claims.expiresAtMs + 1000;
    expect((await app.post(token)).status).toBe(410);
    expect(app.stored.size).toBe(0);
  });

  it("refuses a POST another site's page makes, by Origin or Referer, and lets one without either through", async () => {
    const app = await startApp();
    const token = signActionLink(claims, key);
    expect((await app.post(token, { Origin: "https://evil.example" })).status).toBe(403);
    expect((await app.post(token, { Origin: "null" })).status).toBe(403);
    expect((await app.post(token, { Referer: "https://evil.example/page" })).status).toBe(403);
    expect(app.stored.size).toBe(0);
    expect((await app.post(token, { Referer: `${PUBLIC}/dingtalk/act/${token}` })).status).toBe(200);
    const second = signActionLink({ ...claims, nonce: "BBBBBBBBBBBBBBBBBBBBBB" }, key);
    expect((await app.post(second, {})).status).toBe(200);
    expect(app.stored.size).toBe(2);
  });

  it("never logs the token or the secret", async () => {
    const app = await startApp();
    const token = signActionLink(claims, key);
    await app.post(token, { Origin: "https://evil.example" });
    await app.post(`${token}x`);
    app.state.failing = true;
    await app.post(token);
    const log = app.lines.join("\n");
    expect(log).toContain("DingTalk card link refused");
    expect(log).not.toContain(token.split(".")[1] ?? "");
    expect(log).not.toContain(SECRET);
  });
});
