import { afterAll, describe, expect, it } from "vitest";
import { type ProgressApp, useProgressApps } from "../helpers/progress-app.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";

/**
 * Issue 15 on several instances: two apps on one Redis. With the same DUBAN_WEB_SECRET, a link
 * made by one signs in on the other, once (its page's button posted there; opened again on the
 * first, it says it was used); a logout on one ends the session on both. Without a
 * shared secret, the other instance refuses the link (hence the start-up warning).
 */
const available = await redisAvailable();
const prefix = randomKeyPrefix("web-sign-in");
afterAll(() => deleteKeys(prefix));
const apps = useProgressApps();
const LEADER = "wecom:demo.leader01";
const SECRET = "a-shared-secret-for-both-instances-0123456789";

async function linkFrom(app: ProgressApp): Promise<string> {
  await app.say(LEADER, "/看板");
  const path = /\/web\/login\?t=[A-Za-z0-9_.-]+/.exec(await app.lastText(LEADER))?.[0];
  if (!path) throw new Error("no link");
  return path;
}

const get = (url: string, cookie?: string) =>
  fetch(url, { redirect: "manual", ...(cookie ? { headers: { cookie } } : {}) });
/** The sign-in page's button, as the browser posts it (the link's page only shows it). */
const signIn = (base: string, link: string) =>
  fetch(`${base}/web/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin" },
    body: new URLSearchParams({ t: new URL(link, base).searchParams.get("t") ?? "" }).toString(),
  });
const cookieOf = (response: Response) =>
  /^duban_session=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0] ?? "";

describe.skipIf(!available)("signing in across two instances on Redis", () => {
  it("a link works once on either instance, and a logout on one holds on the other", async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: `${prefix}shared:`, DUBAN_WEB_SECRET: SECRET };
    const [one, two] = [
      await apps.start("2021-03-22T01:00:00Z", env),
      await apps.start("2021-03-22T01:00:00Z", env),
    ];
    if (!one || !two) throw new Error("apps not started");
    expect(one.store.kind).toBe("redis");
    const health = (await (await fetch(`${one.base}/healthz`)).json()) as { warnings: { code: string }[] };
    expect(health.warnings.map((w) => w.code)).not.toContain("web_secret_missing");
    const link = await linkFrom(one);
    expect((await get(`${one.base}${link}`)).status).toBe(200);
    const login = await signIn(two.base, link);
    expect(login.status).toBe(303);
    expect((await get(`${one.base}${link}`)).status).toBe(400);
    expect((await signIn(one.base, link)).status).toBe(400);
    const cookie = cookieOf(login);
    const me = await get(`${one.base}/web/whoami`, cookie);
    expect(me.status).toBe(200);
    const { csrf } = (await me.json()) as { csrf: string };
    const logout = await fetch(`${two.base}/web/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(logout.status).toBe(303);
    expect((await get(`${one.base}/web/whoami`, cookie)).status).toBe(401);
  });

  it("without DUBAN_WEB_SECRET, one instance's link is refused by the other", async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: `${prefix}unshared:` };
    const [one, two] = [
      await apps.start("2021-03-22T01:00:00Z", env),
      await apps.start("2021-03-22T01:00:00Z", env),
    ];
    if (!one || !two) throw new Error("apps not started");
    expect(one.app.services.webKeys.ephemeral).toBe(true);
    const link = await linkFrom(one);
    expect((await get(`${two.base}${link}`)).status).toBe(400);
    expect((await signIn(two.base, link)).status).toBe(400);
    expect((await get(`${one.base}${link}`)).status).toBe(200);
    expect((await signIn(one.base, link)).status).toBe(303);
    const health = (await (await fetch(`${one.base}/healthz`)).json()) as { warnings: { code: string }[] };
    expect(health.warnings.map((w) => w.code)).toContain("web_secret_missing");
  });
});
