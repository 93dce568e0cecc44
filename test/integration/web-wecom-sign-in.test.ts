import { once } from "node:events";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { Clock } from "../../src/shared/clock.js";
import { silentLogger } from "../../src/shared/logger.js";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * WeCom's 网页授权 for the web console (Doc 91022, 91023), through the real Koa app over HTTP with
 * the WeCom channel on: /web/wecom sends the browser to open.weixin.qq.com with a signed state, the
 * callback turns the code into a UserId with auth/getuserinfo and signs in the directory's person
 * with that WeCom account. Only qyapi.weixin.qq.com is faked (nock); the WeCom client's part (the
 * redirect back with code and state) is what the test does by hand.
 */
const QYAPI = "https://qyapi.weixin.qq.com";
const PUBLIC = "https://duban.example.gov.cn";
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  nock.cleanAll();
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(env: Record<string, string> = { PUBLIC_BASE_URL: PUBLIC }) {
  const dir = makeTempDir("duban-web-wecom");
  cleanup.push(dir.remove);
  let now = new Date("2021-03-22T01:00:00Z");
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(now.getTime()),
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
  };
  const fullEnv = { DUBAN_DATA_DIR: dir.path, ...V1_ENV, ...env };
  const app = await createApp(loadConfig(fullEnv), silentLogger, { env: fullEnv, clock });
  const server = app.http.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanup.push(
    () => app.stop(),
    () => void server.close(),
  );
  return { app, clock, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const get = (url: string, cookie?: string) =>
  fetch(url, { redirect: "manual", ...(cookie ? { headers: { cookie } } : {}) });
const cookiePair = (response: Response, name: string) =>
  new RegExp(`(?:^|, )(${name}=[^;]*)`).exec(response.headers.get("set-cookie") ?? "")?.[1];

/** What the WeCom client does: opens /web/wecom, follows it to WeCom, and comes back with `code`. */
async function setOff(base: string) {
  const started = await get(`${base}/web/wecom`);
  expect(started.status).toBe(302);
  const authorize = new URL(started.headers.get("location") ?? "");
  const stateCookie = cookiePair(started, "duban_sign_in_state") ?? "";
  const state = authorize.searchParams.get("state") ?? "";
  const callback = (code: string, cookie = stateCookie) =>
    get(`${base}/web/wecom/callback?code=${encodeURIComponent(code)}&state=${state}`, cookie);
  return { started, authorize, state, stateCookie, callback };
}

const tokenOnce = () =>
  nock(QYAPI)
    .get("/cgi-bin/gettoken")
    .query({ corpid: V1_ENV.WECOM_CORP_ID, corpsecret: V1_ENV.WECOM_SECRET })
    .reply(200, { errcode: 0, errmsg: "ok", access_token: "TOKEN-1", expires_in: 7200 });
const userInfo = (code: string, answer: Record<string, unknown>) =>
  nock(QYAPI).get("/cgi-bin/auth/getuserinfo").query({ access_token: "TOKEN-1", code }).reply(200, answer);

async function whoami(base: string, cookie: string) {
  const response = await get(`${base}/web/whoami`, cookie);
  return response.status === 200 ? ((await response.json()) as Record<string, unknown>) : response.status;
}

describe("signing in to the web console with WeCom's 网页授权", () => {
  it("sends the browser to WeCom and signs in the member the code names, once", async () => {
    const { base } = await start();
    const { started, authorize, state, stateCookie, callback } = await setOff(base);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(
      "https://open.weixin.qq.com/connect/oauth2/authorize",
    );
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      appid: V1_ENV.WECOM_CORP_ID,
      redirect_uri: `${PUBLIC}/web/wecom/callback`,
      response_type: "code",
      scope: "snsapi_base",
      state,
      agentid: "218",
    });
    expect(authorize.hash).toBe("#wechat_redirect");
    expect(state).toMatch(/^[A-Za-z0-9]{1,128}$/);
    expect(started.headers.get("set-cookie")).toMatch(
      /duban_sign_in_state=\w+; path=\/web; .*samesite=lax; httponly/,
    );

    const scope = tokenOnce();
    userInfo("CODE-1", { errcode: 0, errmsg: "ok", userid: "demo.leader01", user_ticket: "T" });
    const signedIn = await callback("CODE-1");
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("location")).toBe("/web");
    const session = cookiePair(signedIn, "duban_session") ?? "";
    expect(await whoami(base, session)).toMatchObject({ personId: "wecom:demo.leader01", name: "寇宁" });
    expect(scope.isDone()).toBe(true);

    // The same state again (a replayed callback): refused without asking WeCom.
    const replayed = await callback("CODE-2", stateCookie);
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain("该登录请求已使用过");

    // Opened again while signed in: straight to the console.
    const again = await get(`${base}/web/wecom`, session);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe("/web");
  });

  it("refuses clearly: outside the corp, an invalid code, an account not in the directory, WeCom down", async () => {
    const { base } = await start();
    tokenOnce();
    const cases: [string, Record<string, unknown>, string][] = [
      [
        "OUTSIDER",
        { errcode: 0, errmsg: "ok", openid: "OPENID", external_userid: "EXT" },
        "您不是本单位企业微信成员",
      ],
      ["STALE", { errcode: 40029, errmsg: "invalid code" }, "企业微信未确认您的身份"],
      [
        "STRANGER",
        { errcode: 0, errmsg: "ok", userid: "nobody.here" },
        "名录中没有与您的企业微信账号对应的人员",
      ],
      [
        "DOMAIN",
        { errcode: 50001, errmsg: "redirect_uri domain not match" },
        "暂时无法向企业微信确认您的身份",
      ],
    ];
    for (const [code, answer, words] of cases) {
      userInfo(code, answer);
      const { callback } = await setOff(base);
      const refused = await callback(code);
      expect(refused.status, code).toBe(400);
      expect(refused.headers.get("set-cookie") ?? "").not.toContain("duban_session=");
      const page = await refused.text();
      expect(page).toContain(words);
      expect(page).toContain("请在企业微信中重新打开督办看板");
    }
    nock(QYAPI).get("/cgi-bin/auth/getuserinfo").query(true).reply(502);
    const { callback } = await setOff(base);
    expect(await (await callback("ANY")).text()).toContain("暂时无法向企业微信确认您的身份");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("refuses a state from another browser, a tampered or expired one, without asking WeCom", async () => {
    const { base, clock } = await start();
    // Someone else's callback (their code and state) opened in this browser: no state cookie here.
    const theirs = await setOff(base);
    const elsewhere = await theirs.callback("CODE-X", "");
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain("登录请求与本浏览器不符");

    const mine = await setOff(base);
    const tampered = await get(
      `${base}/web/wecom/callback?code=C&state=${mine.state.slice(0, -1)}${mine.state.endsWith("0") ? "1" : "0"}`,
      mine.stateCookie,
    );
    expect(await tampered.text()).toContain("登录请求无效");

    const late = await setOff(base);
    clock.advance(10 * 60_000);
    const expired = await late.callback("CODE-Y");
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("已超过10分钟有效期");
    // No code reached WeCom: without an interceptor nock refuses the request, and the page would say
    // 暂时无法向企业微信确认 instead.
  });

  it("is offered on the console's page for someone not signed in", async () => {
    const { base } = await start();
    const page = await get(`${base}/web`);
    expect(page.status).toBe(401);
    const body = await page.text();
    expect(body).toContain('<a class="button" href="/web/wecom">通过企业微信登录</a>');
    expect(body).toContain("/看板");
  });

  it("is off without PUBLIC_BASE_URL (WeCom could not return), and without the WeCom channel", async () => {
    const { base } = await start({});
    expect((await get(`${base}/web/wecom`)).status).toBe(404);
    expect(await (await get(`${base}/web`)).text()).not.toContain("/web/wecom");
    const dir = makeTempDir("duban-web-local");
    cleanup.push(dir.remove);
    const env = { DUBAN_DATA_DIR: dir.path, PUBLIC_BASE_URL: PUBLIC };
    const local = await createApp(loadConfig(env), silentLogger, { env });
    cleanup.push(() => local.stop());
    expect(local.services.webSignIn.size).toBe(0);
  });
});
