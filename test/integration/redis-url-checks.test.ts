import { createServer, type Server, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { openStore } from "../../src/store/open-store.js";
import { parseStoreSpec } from "../../src/store/parse-store-spec.js";
import { connectRedis } from "../../src/store/redis/connect-redis.js";
import { redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";

const available = await redisAvailable();
const base = TEST_REDIS_URL.replace(/\/\d*$/, "");

describe("Redis URLs are checked, and errors name the variable they came from", () => {
  it("refuses a REDIS_URL whose database index is not a number, naming REDIS_URL", () => {
    expect(() => loadConfig({ REDIS_URL: "redis://:s3cret@127.0.0.1:6379/db1" })).toThrow(
      /REDIS_URL: names database "db1", which is not a number/,
    );
    for (const url of ["redis://:s3cret@:6379", "redis://:s3cret@/0"]) {
      const message = (() => {
        try {
          loadConfig({ REDIS_URL: url });
          return "";
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(message).toMatch(/REDIS_URL: (is not a valid URL|has no host)/);
      expect(message).not.toContain("s3cret");
    }
  });

  it("names REDIS_URL, not --store, when the URL came from the environment", () => {
    expect(() => parseStoreSpec("redis://:s3cret@127.0.0.1:6379/x", "REDIS_URL")).toThrow(
      /^REDIS_URL "redis:\/\/:\*\*\*@127\.0\.0\.1:6379\/x": not a valid Redis URL/,
    );
    expect(() => parseStoreSpec("redis://127.0.0.1:6379/x")).toThrow(/^--store "/);
  });

  describe.skipIf(!available)("against the server", () => {
    it("refuses database 99 of a 16-database Redis, naming REDIS_URL", async () => {
      const opening = openStore({
        dataDir: "unused",
        redisUrl: `${base}/99`,
        redisKeyPrefix: "duban-test:db99:",
      });
      await expect(opening).rejects.toMatchObject({ name: "ConfigError" });
      await expect(opening).rejects.toThrow(
        /^REDIS_URL "redis:\/\/.+\/99" names database 99, but this Redis has databases 0 to 15\. Fix REDIS_URL/,
      );
    });

    it("names --store when the URL came from --store, and DUBAN_TEST_REDIS_URL for the suites' own", async () => {
      await expect(
        openStore({ spec: `${base}/16`, dataDir: "unused", redisKeyPrefix: "duban-test:db16:" }),
      ).rejects.toThrow(/^--store ".+\/16" names database 16.+Fix --store/);
      await expect(connectRedis(`${base}/99`, { source: "DUBAN_TEST_REDIS_URL" })).rejects.toThrow(
        /^DUBAN_TEST_REDIS_URL ".+" names database 99/,
      );
    });

    it("accepts the last database the server has", async () => {
      const client = await connectRedis(`${base}/15`);
      expect(await client.ping()).toBe("PONG");
      client.disconnect();
    });
  });
});

describe("a Redis that accepts connections and never answers", () => {
  const sockets: Socket[] = [];
  let server: Server;
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("fails the start within the connect timeout instead of hanging", async () => {
    server = createServer((socket) => {
      sockets.push(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const started = Date.now();
    await expect(connectRedis(`redis://127.0.0.1:${port}`, { connectTimeoutMs: 300 })).rejects.toMatchObject({
      name: "StoreUnavailableError",
      message: expect.stringMatching(
        /^Cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(no answer within 300 ms\)/,
      ),
    });
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
