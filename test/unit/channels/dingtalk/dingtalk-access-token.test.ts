import { Redis } from "ioredis";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryTokenCache } from "../../../../src/channels/access-token-cache.js";
import { dingtalkTokenKey } from "../../../../src/channels/dingtalk/dingtalk-access-token.js";
import { createDingtalkApi } from "../../../../src/channels/dingtalk/dingtalk-api.js";
import { createRedisTokenCache } from "../../../../src/channels/redis-access-token-cache.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../../../helpers/redis.js";
import { APP, OPENAPI, recordingLogger, replyToken, TOKEN_PATH, virtualTime } from "./dingtalk-send-kit.js";

const T1 = "dingaccesstoken0001";
const T2 = "dingaccesstoken0002";
const PATH = "/v1.0/robot/groupMessages/send";
const call = { method: "POST", path: PATH, body: {}, metered: false } as const;

/** The OpenAPI answering `times` calls, recording the token each carried. */
function replyOk(scope: nock.Scope, seen: string[], times = 1): nock.Scope {
  return scope
    .post(PATH)
    .times(times)
    .reply(function () {
      seen.push(String(this.req.headers["x-acs-dingtalk-access-token"]));
      return [200, { processQueryKey: "pqk" }];
    });
}

describe("the DingTalk access token", () => {
  it("is fetched once for concurrent calls, sent in x-acs-dingtalk-access-token, and reused", async () => {
    const time = virtualTime();
    const seen: string[] = [];
    const scope = replyOk(replyToken(nock(OPENAPI), T1), seen, 3);
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep });
    const answers = await time.run(Promise.all([api.call(call), api.call(call)]));
    await time.run(api.call(call));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(seen).toEqual([T1, T1, T1]);
    expect(scope.isDone()).toBe(true);
  });

  it("is refreshed five minutes before it expires, not later", async () => {
    const time = virtualTime();
    const seen: string[] = [];
    const scope = replyToken(nock(OPENAPI), T1, 7200);
    replyOk(scope, seen, 3);
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep });
    await time.run(api.call(call));
    // Brief §3.1: about five minutes early. 1 s before that, the token in hand serves…
    time.advance(7_200_000 - 300_000 - 1000);
    await time.run(api.call(call));
    // …1 s after it, a new one is fetched although the old one is valid for 299 s more.
    replyToken(scope, T2);
    time.advance(2000);
    await time.run(api.call(call));
    expect(seen).toEqual([T1, T1, T2]);
    expect(scope.isDone()).toBe(true);
  });

  it("is refreshed and the call retried once after InvalidAuthentication", async () => {
    const time = virtualTime();
    const seen: string[] = [];
    const scope = replyToken(nock(OPENAPI), T1);
    scope
      .post(PATH)
      .reply(401, { code: "InvalidAuthentication", requestid: "r1", message: "不合法的access_token" });
    replyToken(scope, T2);
    replyOk(scope, seen);
    const cache = createMemoryTokenCache(time);
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep, tokenCache: cache });
    const answer = await time.run(api.call(call));
    expect(answer).toEqual({ ok: true, body: { processQueryKey: "pqk" } });
    expect(seen).toEqual([T2]);
    await expect(cache.read(dingtalkTokenKey(APP))).resolves.toMatchObject({ token: T2 });
    expect(scope.isDone()).toBe(true);
  });

  it("answers invalid-token when the fresh token is refused too, without looping", async () => {
    const time = virtualTime();
    const scope = replyToken(nock(OPENAPI), T1);
    scope.post(PATH).reply(400, { code: "InvalidAuthentication", message: `不合法的access_token ${T1}` });
    replyToken(scope, T2);
    scope.post(PATH).reply(401, { code: "InvalidAuthentication", message: `不合法的access_token ${T2}` });
    const { logger, lines } = recordingLogger();
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep, logger });
    const answer = await time.run(api.call(call));
    expect(answer).toMatchObject({
      ok: false,
      failure: { kind: "invalid-token", code: "InvalidAuthentication" },
    });
    expect(scope.isDone()).toBe(true);
    const shown = JSON.stringify(answer) + lines.join("\n");
    for (const secret of [T1, T2, APP.clientSecret]) expect(shown).not.toContain(secret);
  });

  it("pauses a refused secret for a minute: one token request, however many calls", async () => {
    const time = virtualTime();
    const scope = nock(OPENAPI)
      .post(TOKEN_PATH)
      .reply(400, { code: "invalidClientIdOrSecret", message: `bad secret ${APP.clientSecret}` });
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep });
    const first = await time.run(api.call(call));
    const second = await time.run(api.call(call));
    expect(first).toMatchObject({ ok: false, failure: { kind: "invalid-token" } });
    expect(first.ok ? "" : first.failure.message).toContain("DINGTALK_CLIENT_SECRET");
    expect(JSON.stringify(first)).not.toContain(APP.clientSecret);
    expect(second).toMatchObject({ ok: false, failure: { kind: "invalid-token" } });
    expect(scope.isDone()).toBe(true);
    // After the pause the secret is tried again.
    time.advance(60_000);
    const seen: string[] = [];
    replyOk(replyToken(nock(OPENAPI), T1), seen);
    await expect(time.run(api.call(call))).resolves.toMatchObject({ ok: true });
  });

  it("while the token endpoint is unreachable, asks it once per 15 s and tells each call the time left", async () => {
    const time = virtualTime();
    nock(OPENAPI).post(TOKEN_PATH).replyWithError({ code: "ECONNREFUSED" });
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep });
    const first = await time.run(api.call(call));
    expect(first).toMatchObject({ ok: false, failure: { kind: "transient", retryAfterMs: 15_000 } });
    const seen: string[] = [];
    const scope = replyOk(replyToken(nock(OPENAPI), T1), seen);
    time.advance(4000);
    const during = await time.run(api.call(call));
    expect(during).toMatchObject({ ok: false, failure: { kind: "transient", retryAfterMs: 11_000 } });
    expect(scope.isDone()).toBe(false);
    time.advance(11_000);
    await expect(time.run(api.call(call))).resolves.toMatchObject({ ok: true });
    expect(seen).toEqual([T1]);
  });

  it("pauses an answer without a token like an unreachable endpoint (unlike WeCom, which asks again)", async () => {
    const time = virtualTime();
    nock(OPENAPI).post(TOKEN_PATH).reply(200, { expireIn: 7200 });
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep });
    const first = await time.run(api.call(call));
    expect(first).toMatchObject({ ok: false, failure: { kind: "transient", retryAfterMs: 15_000 } });
    const scope = replyOk(replyToken(nock(OPENAPI), T1), []);
    time.advance(14_999);
    await expect(time.run(api.call(call))).resolves.toMatchObject({
      ok: false,
      failure: { kind: "transient", retryAfterMs: 1 },
    });
    expect(scope.isDone()).toBe(false);
    time.advance(1);
    await expect(time.run(api.call(call))).resolves.toMatchObject({ ok: true });
    expect(scope.isDone()).toBe(true);
  });

  it("answers transient while the token endpoint is unreachable", async () => {
    const time = virtualTime();
    nock(OPENAPI).post(TOKEN_PATH).replyWithError({ code: "ECONNREFUSED" });
    const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep });
    await expect(time.run(api.call(call))).resolves.toMatchObject({
      ok: false,
      failure: { kind: "transient", message: expect.stringContaining("ECONNREFUSED") },
    });
  });
});

const available = await redisAvailable();

describe.runIf(available)("the DingTalk access token on Redis", () => {
  const prefix = randomKeyPrefix("dingtalk-send");
  let one: Redis;
  let two: Redis;

  beforeAll(() => {
    one = new Redis(TEST_REDIS_URL);
    two = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(prefix);
    one.disconnect();
    two.disconnect();
  });

  it("is shared by two instances of the service: fetched once", async () => {
    const time = virtualTime();
    const seen: string[] = [];
    const scope = replyOk(replyToken(nock(OPENAPI), T1), seen, 2);
    const first = createDingtalkApi({
      config: APP,
      clock: time,
      sleep: time.sleep,
      tokenCache: createRedisTokenCache(one, prefix, "dingtalk"),
    });
    const second = createDingtalkApi({
      config: APP,
      clock: time,
      sleep: time.sleep,
      tokenCache: createRedisTokenCache(two, prefix, "dingtalk"),
    });
    await expect(time.run(first.call(call))).resolves.toMatchObject({ ok: true });
    await expect(time.run(second.call(call))).resolves.toMatchObject({ ok: true });
    expect(seen).toEqual([T1, T1]);
    expect(scope.isDone()).toBe(true);
    const stored = await one.get(`${prefix}dingtalk:token:${dingtalkTokenKey(APP)}`);
    expect(JSON.parse(stored ?? "{}")).toMatchObject({ token: T1 });
    // The key names the app by client id and a hash: never the secret itself.
    const keys = await one.keys(`${prefix}*`);
    expect(keys.join()).not.toContain(APP.clientSecret);
  });

  it("keeps the token under the key a deployed service already uses", async () => {
    const time = virtualTime();
    const seen: string[] = [];
    const scope = replyOk(replyToken(nock(OPENAPI), T2), seen);
    const api = createDingtalkApi({
      config: APP,
      clock: time,
      sleep: time.sleep,
      tokenCache: createRedisTokenCache(one, `${prefix}pinned:`, "dingtalk"),
    });
    await expect(time.run(api.call(call))).resolves.toMatchObject({ ok: true });
    expect(scope.isDone()).toBe(true);
    // Written out, not computed: <prefix>dingtalk:token:<clientId>:<sha256(secret), 12 hex>.
    const stored = await one.get(`${prefix}pinned:dingtalk:token:dingappkey00000001:012433077cee`);
    expect(JSON.parse(stored ?? "{}")).toMatchObject({ token: T2 });
  });
});
