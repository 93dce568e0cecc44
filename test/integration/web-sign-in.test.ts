import { describe, expect, it } from "vitest";
import { logoutFormHtml } from "../../src/web/auth/logout-form.js";
import { CONTENT_SECURITY_POLICY } from "../../src/web/auth/security-headers.js";
import { PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 15: signing in to the web console through the real Koa app over HTTP, on the local
 * channel: /看板 in chat → a link in the answer (read from /dev/outbox) → a session cookie →
 * /web/whoami → logout. The app's clock is the test's.
 */
const apps = useProgressApps();
const MONDAY_0900 = "2021-03-22T01:00:00Z";
const LEADER = "wecom:demo.leader01";
const STRANGER = "wecom:nobody.here";

async function askForLink(app: ProgressApp, who: string, text = "/看板"): Promise<string> {
  await app.say(who, text);
  const answer = await app.lastText(who);
  const link = /http:\/\/localhost:3000(\/web\/login\?t=[A-Za-z0-9_.-]+)/.exec(answer)?.[1];
  if (!link) throw new Error(`no link in: ${answer}`);
  return `${app.base}${link}`;
}

/** A request as a browser on the same site sends it, without following redirects. */
const open = (url: string, init: RequestInit & { cookie?: string } = {}) =>
  fetch(url, {
    redirect: "manual",
    ...init,
    headers: { ...(init.cookie ? { cookie: init.cookie } : {}), ...(init.headers as Record<string, string>) },
  });

type Browser = { cookie?: string; headers?: Record<string, string> };

/** The token the sign-in page's form posts back (its hidden field). */
function formToken(page: string): string {
  const token =
    /<form method="post" action="\/web\/login"><input type="hidden" name="t" value="([^"]+)">/.exec(
      page,
    )?.[1];
  if (!token) throw new Error(`no sign-in form in: ${page}`);
  return token;
}

/** The sign-in page's button, as a browser posts it: same-origin, `Origin: null` under no-referrer. */
const clickSignIn = (link: string, token: string, browser: Browser = {}) =>
  open(new URL("/web/login", link).href, {
    method: "POST",
    ...(browser.cookie ? { cookie: browser.cookie } : {}),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: "null",
      "sec-fetch-site": "same-origin",
      ...browser.headers,
    },
    body: new URLSearchParams({ t: token }).toString(),
  });

/** What a person does with the link: opens it (a page with one button), then clicks the button. */
async function signIn(link: string, browser: Browser = {}): Promise<Response> {
  const page = await open(link, browser);
  expect(page.status, "the sign-in page").toBe(200);
  return clickSignIn(link, formToken(await page.text()), browser);
}

/** The `name=value` of the session cookie a response sets. */
function sessionCookie(response: Response): string {
  const set = response.headers.get("set-cookie") ?? "";
  const pair = /^(duban_session=[^;]*)/.exec(set)?.[1];
  if (pair === undefined) throw new Error(`no session cookie in: ${set}`);
  return pair;
}

async function whoami(app: ProgressApp, cookie?: string) {
  const response = await open(`${app.base}/web/whoami`, cookie ? { cookie } : {});
  return {
    status: response.status,
    body:
      response.status === 200 ? ((await response.json()) as Record<string, unknown>) : await response.text(),
  };
}

describe("signing in to the web console", () => {
  it("a leader's link signs them in once; logout ends the session for good", async () => {
    const app = await apps.start(MONDAY_0900);
    const link = await askForLink(app, LEADER);
    expect(await app.lastText(LEADER)).toMatch(
      /^督办看板登录链接：http:\/\/localhost:3000\/web\/login\?t=\S+\n10分钟内有效，仅限本人使用一次。/,
    );

    // Opening the link only shows who it signs in, with one button; nothing is spent yet.
    expect((await open(link, { method: "HEAD" })).status).toBe(200);
    const page = await open(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(page.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain("<h1>进入督办看板</h1>");
    expect(html).toContain("登录人员：寇宁");
    expect(html).toContain('<button type="submit">进入督办看板</button></form>');
    expect(html).not.toMatch(/<script|<style|https?:\/\//);
    const token = formToken(html);
    expect(link).toContain(`?t=${token}`);
    // The console's own stylesheet, so that the button is a phone's size.
    const css = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1] ?? "";
    expect(css).toMatch(/^\/web\/assets\/console\.css\?v=\w+$/);
    expect((await open(`${app.base}${css}`)).headers.get("content-type")).toBe("text/css; charset=utf-8");

    const login = await clickSignIn(link, token);
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/web");
    expect(login.headers.get("referrer-policy")).toBe("no-referrer");
    const set = login.headers.get("set-cookie") ?? "";
    expect(set).toContain("httponly");
    expect(set).toContain("samesite=lax");
    expect(set).toContain("path=/web");
    const cookie = sessionCookie(login);

    const me = await whoami(app, cookie);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      personId: LEADER,
      name: "寇宁",
      roles: ["leader"],
      leaderName: "寇宁",
      units: [],
    });

    // The same link again, from another browser: refused, opened or posted; nobody signed in.
    const again = await open(link);
    expect(again.status).toBe(400);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("该登录链接已使用过");
    const postedAgain = await clickSignIn(link, token);
    expect(postedAgain.status).toBe(400);
    expect(postedAgain.headers.get("set-cookie")).toBeNull();
    expect(await postedAgain.text()).toContain("该登录链接已使用过");

    // Logging out needs the session's CSRF token.
    const csrf = (me.body as { csrf: string }).csrf;
    const refused = await open(`${app.base}/web/logout`, { method: "POST", cookie });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("缺少有效的校验信息");
    expect((await whoami(app, cookie)).status).toBe(200);
    const crossSite = await open(`${app.base}/web/logout`, {
      method: "POST",
      cookie,
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" },
      body: new URLSearchParams({ csrf }).toString(),
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.text()).toContain("该操作来自其他网站");
    const fromAnotherSite = await open(`${app.base}/web/logout`, {
      method: "POST",
      cookie,
      headers: { "x-csrf-token": csrf, "sec-fetch-site": "cross-site" },
    });
    expect(fromAnotherSite.status).toBe(403);
    expect((await whoami(app, cookie)).status).toBe(200);

    // What a browser sends for the console's logout button.
    const form = logoutFormHtml(csrf);
    expect(form).toMatch(
      /^<form method="post" action="\/web\/logout"><input type="hidden" name="csrf" value="[^"]+">/,
    );
    expect(form).toContain(">退出登录</button>");
    const [, name = "", value = ""] = /name="(\w+)" value="([^"]+)"/.exec(form) ?? [];
    const logout = await open(`${app.base}/web/logout`, {
      method: "POST",
      cookie,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: app.base,
        "sec-fetch-site": "same-origin",
      },
      body: new URLSearchParams({ [name]: value }).toString(),
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get("location")).toBe("/web/signed-out");
    expect(logout.headers.get("set-cookie")).toMatch(/^duban_session=; path=\/web; expires=Thu, 01 Jan 1970/);
    const signedOut = await open(`${app.base}/web/signed-out`);
    expect(signedOut.status).toBe(200);
    expect(await signedOut.text()).toContain("您已退出督办看板。");

    // The old cookie, kept by someone: no longer anyone's.
    const after = await whoami(app, cookie);
    expect(after.status).toBe(401);
    expect(after.body).toContain("请在企业微信或钉钉中向督办机器人发送“/看板”");
  });

  it("answers every /web response with the strict headers, a signed-out request with a 401 page", async () => {
    const app = await apps.start(MONDAY_0900);
    const response = await open(`${app.base}/web/whoami`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'; script-src 'self'; style-src 'self'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const page = await response.text();
    expect(page).toContain("<h1>尚未登录</h1>");
    expect(page).not.toMatch(/<script|<style|https?:\/\//);
    const bad = await open(`${app.base}/web/login?t=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(await bad.text()).toContain("该登录链接无效");
    // A POST with no session at all is refused as well.
    expect((await open(`${app.base}/web/logout`, { method: "POST" })).status).toBe(403);
  });

  it("refuses a stranger, and gives a contact a link of their own (看板 as a word, /web)", async () => {
    const app = await apps.start(MONDAY_0900);
    await app.say(STRANGER, "/看板");
    const refusal = await app.lastText(STRANGER);
    expect(refusal).toMatch(/名录/);
    expect(refusal).not.toContain("/web/login");

    const link = await askForLink(app, PEOPLE.hrContact, "看板");
    const cookie = sessionCookie(await signIn(link));
    const me = await whoami(app, cookie);
    expect(me.body).toMatchObject({
      personId: PEOPLE.hrContact,
      name: "徐勇",
      roles: ["contact"],
      units: ["区人力资源和社会保障局"],
    });
    const admin = await askForLink(app, PEOPLE.admin1, "/web");
    expect((await whoami(app, sessionCookie(await signIn(admin)))).body).toMatchObject({ roles: ["admin"] });
  });

  it("a link opened where someone else is signed in does nothing, and stays usable by its owner", async () => {
    const app = await apps.start(MONDAY_0900);
    const leaderCookie = sessionCookie(await signIn(await askForLink(app, LEADER)));
    const contactLink = await askForLink(app, PEOPLE.hrContact);
    const onLeadersBrowser = await open(contactLink, { cookie: leaderCookie });
    expect(onLeadersBrowser.status).toBe(400);
    expect(onLeadersBrowser.headers.get("set-cookie")).toBeNull();
    expect(await onLeadersBrowser.text()).toContain("本浏览器已由寇宁登录督办看板");
    // The button's post, had the page been opened before: refused the same way.
    const token = new URL(contactLink).searchParams.get("t") ?? "";
    const postedThere = await clickSignIn(contactLink, token, { cookie: leaderCookie });
    expect(postedThere.status).toBe(400);
    expect(await postedThere.text()).toContain("本浏览器已由寇宁登录督办看板");
    expect((await whoami(app, leaderCookie)).body).toMatchObject({ personId: LEADER });
    const own = await signIn(contactLink);
    expect(own.status).toBe(303);
    expect((await whoami(app, sessionCookie(own))).body).toMatchObject({ personId: PEOPLE.hrContact });
  });

  it("a link expires after 10 minutes, a session after 8 hours, on the service's clock", async () => {
    const app = await apps.start(MONDAY_0900);
    const late = await askForLink(app, LEADER);
    app.clock.set("2021-03-22T01:10:00Z");
    const expired = await open(late);
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("已超过10分钟有效期");

    // Opened in time, clicked too late.
    const slow = await askForLink(app, LEADER);
    expect((await open(slow)).status).toBe(200);
    app.clock.set("2021-03-22T01:20:00Z");
    const clickedLate = await clickSignIn(slow, new URL(slow).searchParams.get("t") ?? "");
    expect(clickedLate.status).toBe(400);
    expect(await clickedLate.text()).toContain("已超过10分钟有效期");

    const cookie = sessionCookie(await signIn(await askForLink(app, LEADER)));
    app.clock.set("2021-03-22T09:19:59Z");
    expect((await whoami(app, cookie)).status).toBe(200);
    app.clock.set("2021-03-22T09:20:00Z");
    expect((await whoami(app, cookie)).status).toBe(401);
  });

  it("marks the session cookie Secure behind an HTTPS proxy", async () => {
    const app = await apps.start(MONDAY_0900);
    const login = await signIn(await askForLink(app, LEADER), { headers: { "x-forwarded-proto": "https" } });
    expect(login.status).toBe(303);
    expect(login.headers.get("set-cookie")).toContain("; secure; httponly");
  });

  it("a link preview or scanner that opens the link first leaves it for the person; used, it is refused", async () => {
    const app = await apps.start(MONDAY_0900);
    const link = await askForLink(app, LEADER);
    // The chat app's preview, then a URL scanner: each reads the page, neither clicks.
    for (const agent of ["WeComLinkPreview/1.0", "CorporateUrlScanner/2.3"]) {
      const preview = await open(link, { headers: { "user-agent": agent } });
      expect(preview.status).toBe(200);
      expect(preview.headers.get("set-cookie")).toBeNull();
      expect(await preview.text()).toContain("登录人员：寇宁");
    }
    const login = await signIn(link);
    expect(login.status).toBe(303);
    expect((await whoami(app, sessionCookie(login))).body).toMatchObject({ personId: LEADER });
    const token = new URL(link).searchParams.get("t") ?? "";
    const replayed = await clickSignIn(link, token);
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get("set-cookie")).toBeNull();
    expect(await replayed.text()).toContain("该登录链接已使用过");
  });

  it("the sign-in post needs no session, but a valid token from the same site", async () => {
    const app = await apps.start(MONDAY_0900);
    const link = await askForLink(app, LEADER);
    const token = new URL(link).searchParams.get("t") ?? "";
    // Another site posting a token (its own, into its visitor's browser) is refused, and spends nothing.
    const fromElsewhere: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "", origin: "http://evil.example" },
    ];
    for (const headers of fromElsewhere) {
      const crossSite = await clickSignIn(link, token, { headers });
      expect(crossSite.status).toBe(403);
      expect(crossSite.headers.get("set-cookie")).toBeNull();
      expect(await crossSite.text()).toContain("该操作来自其他网站");
    }
    const noToken = await clickSignIn(link, "");
    expect(noToken.status).toBe(400);
    expect(await noToken.text()).toContain("该登录链接无效");
    const tampered = await clickSignIn(link, `${token.slice(0, -2)}xx`);
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("该登录链接无效");
    // A client that sends neither header (curl): the token decides.
    const plain = await open(`${app.base}/web/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `t=${token}`,
    });
    expect(plain.status).toBe(303);
    expect((await whoami(app, sessionCookie(plain))).body).toMatchObject({ personId: LEADER });
  });
});
