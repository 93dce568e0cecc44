import nock from "nock";
import { describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../../../../src/channels/access-token-cache.js";
import { createWecomApi } from "../../../../src/channels/wecom/wecom-api.js";
import { WecomApiError, WecomTransportError } from "../../../../src/channels/wecom/wecom-api-error.js";
import { APP, movingClock, QYAPI, replyToken } from "./wecom-api-kit.js";

const T1 = "accesstoken000001";
const T2 = "accesstoken000002";
const T9 = "accesstoken000009";
const sendWith = (scope: nock.Scope, token: string) =>
  scope.post("/cgi-bin/message/send").query({ access_token: token });
const ok = { errcode: 0, errmsg: "ok", msgid: "m1" };

function setup() {
  const clock = movingClock();
  const api = createWecomApi({ config: APP, clock, sleep: clock.sleep });
  return { clock, api };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

function expectNoCredentials(error: unknown, tokens: string[]): void {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    for (const secret of [APP.secret, ...tokens]) expect(`${e.message} ${e.stack}`).not.toContain(secret);
  }
}

describe("createWecomApi", () => {
  it("fetches one token and reuses it for later calls", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).times(2).reply(200, ok);
    const { api } = setup();
    await api.post("message/send", {});
    await api.post("message/send", {});
    expect(scope.isDone()).toBe(true);
  });

  it("shares one token between two clients through one cache", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).times(2).reply(200, ok);
    const clock = movingClock();
    const tokenCache = createMemoryTokenCache(clock);
    const first = createWecomApi({ config: APP, clock, tokenCache });
    const second = createWecomApi({ config: APP, clock, tokenCache });
    await first.post("message/send", {});
    await second.post("message/send", {});
    expect(scope.isDone()).toBe(true);
  });

  it("fetches a single token for concurrent first calls", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).times(3).reply(200, ok);
    const { api } = setup();
    await Promise.all([
      api.post("message/send", {}),
      api.post("message/send", {}),
      api.post("message/send", {}),
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it("keeps the token until 5 minutes before expires_in, then refreshes it early", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).times(2).reply(200, ok);
    replyToken(scope, T2);
    sendWith(scope, T2).reply(200, ok);
    const { api, clock } = setup();
    await api.post("message/send", {});
    clock.advance((7200 - 300) * 1000 - 1);
    await api.post("message/send", {});
    clock.advance(1);
    await api.post("message/send", {});
    expect(scope.isDone()).toBe(true);
  });

  it("on 42001 mid-send refreshes the token once and retries once", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).reply(200, { errcode: 42001, errmsg: "access_token expired" });
    replyToken(scope, T2);
    sendWith(scope, T2).reply(200, ok);
    const { api } = setup();
    await expect(api.post("message/send", { touser: "u1" })).resolves.toMatchObject({ msgid: "m1" });
    expect(scope.isDone()).toBe(true);
  });

  it("reports a second refusal instead of looping (40014 twice)", async () => {
    const refused = { errcode: 40014, errmsg: "invalid access_token" };
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).reply(200, refused);
    replyToken(scope, T2);
    sendWith(scope, T2).reply(200, refused);
    const { api } = setup();
    const error = await rejection(api.post("message/send", {}));
    expect(error).toBeInstanceOf(WecomApiError);
    expect(error).toMatchObject({ errcode: 40014, method: "message/send" });
    expect(scope.isDone()).toBe(true);
  });

  it("turns errcode ≠ 0 into a WecomApiError that never repeats the token or the secret", async () => {
    const echo = `not allow to access from your ip, hint: [${T1} ${APP.secret}], from ip: 203.0.113.7`;
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).reply(200, { errcode: 60020, errmsg: echo });
    const { api } = setup();
    const error = (await rejection(api.post("message/send", {}))) as WecomApiError;
    expect(error).toMatchObject({ errcode: 60020, method: "message/send", platform: "wecom" });
    expect(error.hint).toContain("203.0.113.7");
    expectNoCredentials(error, [T1]);
    expect(scope.isDone()).toBe(true);
  });

  it("turns a network failure into a WecomTransportError without the URL's credentials", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).replyWithError({
      code: "ECONNRESET",
      message: `socket hang up: ${QYAPI}/?access_token=${T1}`,
    });
    const { api } = setup();
    const error = await rejection(api.post("message/send", {}));
    expect(error).toBeInstanceOf(WecomTransportError);
    expect((error as Error).message).toContain("ECONNRESET");
    expectNoCredentials(error, [T1]);
    expect(scope.isDone()).toBe(true);
  });

  it("turns an HTTP 502 into a WecomTransportError carrying the status", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    sendWith(scope, T1).reply(502, "<html>bad gateway</html>");
    const { api } = setup();
    expect(await rejection(api.post("message/send", {}))).toMatchObject({ httpStatus: 502 });
    expect(scope.isDone()).toBe(true);
  });

  it("does not ask gettoken again for a minute after it refused the secret (40001)", async () => {
    const scope = nock(QYAPI)
      .get("/cgi-bin/gettoken")
      .query(true)
      .reply(200, { errcode: 40001, errmsg: `invalid credential ${APP.secret}` });
    const { api, clock } = setup();
    const first = await rejection(api.post("message/send", {}));
    const second = await rejection(api.post("message/send", {}));
    expect(first).toMatchObject({ errcode: 40001, method: "gettoken" });
    expect(second).toBe(first);
    expectNoCredentials(first, []);
    expect(scope.isDone()).toBe(true);
    replyToken(scope, T9);
    sendWith(scope, T9).reply(200, ok);
    clock.advance(60_000);
    await api.post("message/send", {});
    expect(scope.isDone()).toBe(true);
  });

  it("while gettoken cannot be reached, asks it once per pause, not once per send", async () => {
    const scope = nock(QYAPI).get("/cgi-bin/gettoken").query(true).reply(503, "unavailable");
    const { api, clock } = setup();
    const errors = await Promise.all([1, 2, 3].map(() => rejection(api.post("message/send", {}))));
    errors.push(await rejection(api.post("message/send", {})));
    clock.advance(10_000);
    errors.push(await rejection(api.post("message/send", {})));
    for (const error of errors) expect(error).toMatchObject({ method: "gettoken", httpStatus: 503 });
    expect(scope.isDone()).toBe(true);
    replyToken(scope, T9);
    sendWith(scope, T9).reply(200, ok);
    clock.advance(5_000);
    await api.post("message/send", {});
    expect(scope.isDone()).toBe(true);
  });

  it("asks gettoken again at the next send after an answer without a usable token (no pause)", async () => {
    const scope = nock(QYAPI).get("/cgi-bin/gettoken").query(true).reply(200, { errcode: 0, errmsg: "ok" });
    const { api } = setup();
    const error = await rejection(api.post("message/send", {}));
    expect(error).toBeInstanceOf(WecomTransportError);
    expect(error).toMatchObject({ method: "gettoken" });
    replyToken(scope, T9);
    sendWith(scope, T9).reply(200, ok);
    await api.post("message/send", {});
    expect(scope.isDone()).toBe(true);
  });

  it("talks to the configured base URL", async () => {
    const base = "http://wecom-proxy.internal:8080";
    const scope = nock(base)
      .get("/cgi-bin/gettoken")
      .query(true)
      .reply(200, { errcode: 0, access_token: T1, expires_in: 7200 })
      .post("/cgi-bin/message/update_template_card")
      .query({ access_token: T1 })
      .reply(200, { errcode: 0, errmsg: "ok" });
    const api = createWecomApi({ config: { ...APP, apiBaseUrl: base }, clock: movingClock() });
    await api.post("message/update_template_card", {});
    expect(scope.isDone()).toBe(true);
  });

  it("sends the body as JSON", async () => {
    const scope = replyToken(nock(QYAPI), T1);
    scope
      .post("/cgi-bin/message/send", { touser: "u1", msgtype: "text", text: { content: "你好" } })
      .query(true)
      .reply(200, ok);
    const { api } = setup();
    await api.post("message/send", { touser: "u1", msgtype: "text", text: { content: "你好" } });
    expect(scope.isDone()).toBe(true);
  });
});
