import { mkdtempSync } from "node:fs";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { fixedClock } from "../../src/shared/clock.js";
import { silentLogger } from "../../src/shared/logger.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";

const available = await redisAvailable();
const prefix = randomKeyPrefix("hang");
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  if (available) await deleteKeys(prefix);
});

/**
 * A loopback TCP proxy to the test Redis that can be told to hang: from then on it keeps the
 * connections open and swallows every byte, as a Redis stuck in a long script or a dead network
 * path does.
 */
async function hangableProxy() {
  const target = new URL(TEST_REDIS_URL);
  let hanging = false;
  const sockets: Socket[] = [];
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    sockets.push(client, upstream);
    client.on("error", () => {});
    upstream.on("error", () => {});
    client.on("data", (chunk) => {
      if (!hanging) upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (!hanging) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const auth = target.password ? `:${target.password}@` : "";
  return {
    url: `redis://${auth}127.0.0.1:${port}${target.pathname === "/" ? "" : target.pathname}`,
    hang: () => {
      hanging = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.skipIf(!available)("GET /healthz with a Redis that stops answering", () => {
  it("answers 503 within 1.5 s, naming the store", async () => {
    const proxy = await hangableProxy();
    cleanups.push(proxy.close);
    const config = loadConfig({
      DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-hang-")),
      REDIS_URL: proxy.url,
      REDIS_KEY_PREFIX: prefix,
    });
    const app = await createApp(config, silentLogger, { clock: fixedClock("2021-03-22T02:00:00Z") });
    const server = app.http.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    cleanups.push(
      () => new Promise((resolve) => server.close(resolve)),
      // The store's connection is stuck: stopping waits for nothing that will come.
      () => Promise.race([app.stop(), new Promise((resolve) => setTimeout(resolve, 500))]),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    expect((await fetch(url)).status).toBe(200);

    proxy.hang();
    const started = performance.now();
    const response = await fetch(url);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      status: "unavailable",
      store: { kind: "redis", error: "the store does not answer (no answer within 1000 ms)" },
    });
    expect(elapsed).toBeLessThan(1_500);
    expect(elapsed).toBeGreaterThanOrEqual(900);
  });
});
