import { Redis } from "ioredis";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisTokenCache } from "../../../../src/channels/redis-access-token-cache.js";
import { createWecomApi } from "../../../../src/channels/wecom/wecom-api.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../../../helpers/redis.js";
import { APP, movingClock, QYAPI, replyToken } from "./wecom-api-kit.js";

const available = await redisAvailable();

describe.runIf(available)("createRedisTokenCache", () => {
  const prefix = randomKeyPrefix("wecom");
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await deleteKeys(prefix);
    redis.disconnect();
  });

  it("stores tokens under the configured key prefix, with a TTL", async () => {
    const cache = createRedisTokenCache(redis, prefix, "wecom");
    const token = { token: "accesstoken000001", expiresAtMs: 1_900_000_000_000 };
    await cache.write("corp:1:abc", token, 60_000);
    await expect(cache.read("corp:1:abc")).resolves.toEqual(token);
    const ttl = await redis.pttl(`${prefix}wecom:token:corp:1:abc`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("keeps each platform's tokens under its own keys", async () => {
    const wecom = createRedisTokenCache(redis, prefix, "wecom");
    const dingtalk = createRedisTokenCache(redis, prefix, "dingtalk");
    await wecom.write("same", { token: "wecom-token-0001", expiresAtMs: 1 }, 60_000);
    await expect(dingtalk.read("same")).resolves.toBeUndefined();
    await dingtalk.write("same", { token: "dingtalk-token-01", expiresAtMs: 1 }, 60_000);
    await expect(wecom.read("same")).resolves.toMatchObject({ token: "wecom-token-0001" });
    expect(await redis.exists(`${prefix}dingtalk:token:same`)).toBe(1);
  });

  it("discards only the token it was asked to (compare-and-delete)", async () => {
    const cache = createRedisTokenCache(redis, prefix, "wecom");
    await cache.write("k2", { token: "new-token-0002", expiresAtMs: 1 }, 60_000);
    await cache.discard("k2", "old-token-0001");
    await expect(cache.read("k2")).resolves.toMatchObject({ token: "new-token-0002" });
    await cache.discard("k2", "new-token-0002");
    await expect(cache.read("k2")).resolves.toBeUndefined();
  });

  it("lets one holder at a time take the lock, across clients", async () => {
    const other = new Redis(TEST_REDIS_URL);
    try {
      const first = createRedisTokenCache(redis, prefix, "wecom");
      const second = createRedisTokenCache(other, prefix, "wecom");
      const release = await first.lock("k3", 10_000);
      expect(release).toBeTypeOf("function");
      await expect(second.lock("k3", 10_000)).resolves.toBeUndefined();
      await release?.();
      const again = await second.lock("k3", 10_000);
      expect(again).toBeTypeOf("function");
      await release?.(); // a stale release must not free the new holder's lock
      await expect(first.lock("k3", 10_000)).resolves.toBeUndefined();
      await again?.();
    } finally {
      other.disconnect();
    }
  });

  it("treats a value it cannot read as absent", async () => {
    await redis.set(`${prefix}wecom:token:k4`, "not json");
    await expect(createRedisTokenCache(redis, prefix, "wecom").read("k4")).resolves.toBeUndefined();
  });

  it("keeps the token under the key a deployed service already uses", async () => {
    const scope = replyToken(nock(QYAPI), "accesstoken000003");
    scope
      .post("/cgi-bin/message/send")
      .query({ access_token: "accesstoken000003" })
      .reply(200, { errcode: 0 });
    const api = createWecomApi({
      config: APP,
      clock: movingClock(),
      tokenCache: createRedisTokenCache(redis, `${prefix}pinned:`, "wecom"),
    });
    await api.post("message/send", {});
    expect(scope.isDone()).toBe(true);
    // Written out, not computed: <prefix>wecom:token:<corpId>:<agentId>:<sha256(secret), 12 hex>.
    const stored = await redis.get(`${prefix}pinned:wecom:token:wwcorp0001:1000002:012433077cee`);
    expect(JSON.parse(stored ?? "{}")).toMatchObject({ token: "accesstoken000003" });
  });

  it("shares one access token between two instances of the service", async () => {
    const scope = replyToken(nock(QYAPI), "accesstoken000001");
    scope
      .post("/cgi-bin/message/send")
      .query({ access_token: "accesstoken000001" })
      .times(2)
      .reply(200, { errcode: 0 });
    const other = new Redis(TEST_REDIS_URL);
    try {
      const config = APP;
      const clock = movingClock();
      const one = createWecomApi({
        config,
        clock,
        tokenCache: createRedisTokenCache(redis, prefix, "wecom"),
      });
      const two = createWecomApi({
        config,
        clock,
        tokenCache: createRedisTokenCache(other, prefix, "wecom"),
      });
      await one.post("message/send", {});
      await two.post("message/send", {});
      expect(scope.isDone()).toBe(true);
    } finally {
      other.disconnect();
    }
  });
});
