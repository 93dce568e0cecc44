import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { openStore } from "../../src/store/open-store.js";
import { noticeWith, parseText } from "../helpers/notice.js";

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of running.splice(0)) await item.close();
});

async function start(env: Record<string, string>) {
  const app = await createApp(loadConfig(env), silentLogger);
  const server = app.http.listen(0, "127.0.0.1");
  running.push(server, { close: () => app.stop() });
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("GET /healthz", () => {
  it("answers with no registry yet and the demo directory", async () => {
    const base = await start({ DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-http-")) });
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      store: { kind: "sqlite" },
      registry: null,
      directory: { units: 66, demo: true },
    });
  });

  it("reports the loaded registry", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-http-"));
    const registry = parseText(noticeWith("1、加强监管（牵头领导：张三。承办单位：区财政局）"));
    const store = await openStore({ dataDir, redisKeyPrefix: "unused:" });
    await store.registry.save({
      registry,
      directory: { demo: false, office: { name: "督考办" }, admins: [], leaders: [], units: [], groups: [] },
      assignments: [],
      source: { path: "x.txt", format: "text", sha256: "0" },
      importedAt: "2021-01-22T01:00:00.000Z",
    });
    await store.close();
    const base = await start({ DUBAN_DATA_DIR: dataDir });
    const body = (await (await fetch(`${base}/healthz`)).json()) as { registry: unknown };
    expect(body.registry).toEqual({ tasks: 1, importedAt: "2021-01-22T01:00:00.000Z" });
  });

  it("answers 503 when the store does not answer", async () => {
    const app = await createApp(
      loadConfig({ DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-http-")) }),
      silentLogger,
    );
    const server = app.http.listen(0, "127.0.0.1");
    running.push(server);
    await new Promise((resolve) => server.once("listening", resolve));
    await app.stop();
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
    expect(response.status).toBe(503);
  });

  it("answers 404 for unknown routes and 405 for wrong methods", async () => {
    const base = await start({ DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-http-")) });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: "POST" })).status).toBe(405);
  });
});

describe("loadConfig", () => {
  it("defaults everything", () => {
    expect(loadConfig({})).toMatchObject({ PORT: 3000, DUBAN_DATA_DIR: "data", REDIS_KEY_PREFIX: "duban:" });
  });

  it("names the variable and the fix, never the value", () => {
    expect(() => loadConfig({ PORT: "eighty", REDIS_URL: "http://user:s3cret@host" })).toThrow(
      /PORT: .*\n.*REDIS_URL/,
    );
    expect(() => loadConfig({ REDIS_URL: "http://user:s3cret@host" })).not.toThrow(/s3cret/);
  });
});
