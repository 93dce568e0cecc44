import { once } from "node:events";
import type { AddressInfo } from "node:net";
import Router from "@koa/router";
import { afterEach, describe, expect, it } from "vitest";
import { createServer } from "../../../../src/http/create-server.js";
import { silentLogger } from "../../../../src/shared/logger.js";
import {
  clearSessionCookie,
  newSession,
  openSession,
  SESSION_COOKIE,
  SESSION_MS,
  sealSession,
  setSessionCookie,
} from "../../../../src/web/auth/session-cookie.js";
import { createWebKeys } from "../../../../src/web/auth/web-keys.js";

const keys = createWebKeys("a-session-test-secret-of-32-characters");
const NOW = new Date("2021-03-22T01:00:00Z");

describe("session values", () => {
  it("open while the signature holds and 8 hours have not passed", () => {
    const session = newSession("wecom:demo.leader01", NOW);
    expect(session.expiresAt - NOW.getTime()).toBe(SESSION_MS);
    expect(SESSION_MS).toBe(8 * 3_600_000);
    const value = sealSession(keys, session);
    expect(openSession(keys, value, new Date(session.expiresAt - 1))).toEqual(session);
    expect(openSession(keys, value, new Date(session.expiresAt))).toBeUndefined();
    expect(openSession(createWebKeys(undefined), value, NOW)).toBeUndefined();
    const [body = "", signature = ""] = value.split(".");
    const longer = Buffer.from(
      JSON.stringify({ ...session, expiresAt: session.expiresAt + 24 * 3_600_000 }),
    ).toString("base64url");
    expect(openSession(keys, `${longer}.${signature}`, NOW)).toBeUndefined();
    expect(openSession(keys, body, NOW)).toBeUndefined();
    // A sign-in link's signature is no session's.
    expect(openSession(keys, `${body}.${keys.sign("sign-in-link", body)}`, NOW)).toBeUndefined();
  });
});

describe("the session cookie", () => {
  const servers: { close(cb: () => void): void }[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(resolve));
  });

  /** A Koa app built as the service's (which trusts its proxy's X-Forwarded-Proto). */
  async function start(): Promise<string> {
    const routes = new Router();
    routes.get("/web/set", (ctx) => {
      setSessionCookie(ctx, keys, newSession("p", NOW));
      ctx.body = "ok";
    });
    routes.get("/web/clear", (ctx) => {
      clearSessionCookie(ctx);
      ctx.body = "ok";
    });
    const server = createServer({ logger: silentLogger, routes }).listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("is HttpOnly, SameSite=Lax, for /web only, until the session ends; Secure only over HTTPS", async () => {
    const base = await start();
    const plain = (await fetch(`${base}/web/set`)).headers.get("set-cookie") ?? "";
    expect(plain).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+;`));
    expect(plain).toContain("path=/web");
    expect(plain).toContain("httponly");
    expect(plain).toContain("samesite=lax");
    // 8 hours of the browser's real time (Max-Age), whatever the service's clock says: a demo
    // clock's 2021 made the browser drop the cookie at once (found by the browser test).
    const expires = Date.parse(/expires=([^;]+)/.exec(plain)?.[1] ?? "");
    expect(Math.abs(expires - (Date.now() + SESSION_MS))).toBeLessThan(60_000);
    expect(plain).not.toContain("secure");

    const behindHttps = await fetch(`${base}/web/set`, { headers: { "x-forwarded-proto": "https" } });
    expect(behindHttps.headers.get("set-cookie")).toContain("; secure; httponly");
  });

  it("is cleared with an expiry in the past", async () => {
    const base = await start();
    const cleared = (await fetch(`${base}/web/clear`)).headers.get("set-cookie") ?? "";
    expect(cleared).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
    expect(cleared).toContain("expires=Thu, 01 Jan 1970 00:00:00 GMT");
    expect(cleared).toContain("path=/web");
  });
});
