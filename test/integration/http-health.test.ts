import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { directoryToYaml, scaffoldDirectory } from "../../src/registry/scaffold-directory.js";
import { fixedClock } from "../../src/shared/clock.js";
import { silentLogger } from "../../src/shared/logger.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/store.js";
import { textMessage } from "../fixtures/delivery/delivery-world.js";
import { noticeWith, parseText } from "../helpers/notice.js";
import { importSeed } from "../helpers/seed-world.js";

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of running.splice(0)) await item.close();
});

async function start(env: Record<string, string>, options: Parameters<typeof createApp>[2] = {}) {
  const app = await createApp(loadConfig(env), silentLogger, options);
  const server = app.http.listen(0, "127.0.0.1");
  running.push(server, { close: () => app.stop() });
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("GET /healthz", () => {
  it("answers with no registry yet and the demo directory", async () => {
    const base = await start(
      { DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-http-")) },
      { clock: fixedClock("2021-03-22T02:00:00Z") },
    );
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      store: { kind: "sqlite" },
      registry: null,
      directory: { units: 66, demo: true },
      // Background work was not started: not running, and not a fault.
      scheduler: {
        running: false,
        jobs: {
          "reminder-sweep": {},
          "calendar-warnings": {},
          retention: {},
          "bulletin-summary": {},
          "leader-digest": {},
        },
      },
      dispatcher: { running: false, lagMs: 0 },
      channels: { local: { configured: true } },
      warnings: [{ code: "demo_directory", count: 1, text: expect.stringContaining("演示名录") }],
    });
  });

  it("reports the loaded registry", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-http-"));
    const registry = parseText(noticeWith("1、加强监管（牵头领导：张三。承办单位：区财政局）"));
    const store = await openStore({ dataDir, redisKeyPrefix: "unused:" });
    await store.registry.save({
      registry,
      directory: {
        demo: false,
        office: { name: "督考办" },
        admins: [],
        leaders: [],
        units: [],
        groups: [],
        chats: [],
      },
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

  it("answers 503 within the timeout (1 s) when the store hangs, instead of hanging with it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-http-"));
    const base = await start(
      { DUBAN_DATA_DIR: dataDir },
      { store: hanging(await openStore({ dataDir, redisKeyPrefix: "unused:" })) },
    );
    const started = performance.now();
    const response = await fetch(`${base}/healthz`);
    const elapsed = performance.now() - started;
    expect(response.status).toBe(503);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(1_500);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "unavailable",
      problems: ["the store does not answer (no answer within 1000 ms)"],
      store: { kind: "sqlite", error: "the store does not answer (no answer within 1000 ms)" },
      directory: { units: 66, demo: true },
    });
    expect(body.registry).toBeUndefined();
  });

  it("waits as long as DUBAN_HEALTH_TIMEOUT_MS says", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-http-"));
    const base = await start(
      { DUBAN_DATA_DIR: dataDir, DUBAN_HEALTH_TIMEOUT_MS: "300" },
      { store: hanging(await openStore({ dataDir, redisKeyPrefix: "unused:" })) },
    );
    const started = performance.now();
    const response = await fetch(`${base}/healthz`);
    expect(performance.now() - started).toBeLessThan(900);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      problems: ["the store does not answer (no answer within 300 ms)"],
    });
  });

  it("lists the start-up warnings with a 200, and sees an import made after the start", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-http-"));
    const seed = await openStore({ dataDir, redisKeyPrefix: "unused:" });
    await importSeed(seed);
    const directory = join(dataDir, "directory.yaml");
    const imported = await seed.registry.current();
    if (!imported) throw new Error("the seed was not imported");
    writeFileSync(directory, directoryToYaml(scaffoldDirectory(imported.registry)));
    await seed.close();
    const base = await start(
      { DUBAN_DATA_DIR: dataDir, DUBAN_DIRECTORY: directory },
      { clock: fixedClock("2021-03-22T02:00:00Z") },
    );
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      warnings: { code: string; count: number; text: string }[];
    };
    expect(body.status).toBe("ok");
    expect(body.warnings.map((w) => [w.code, w.count])).toEqual([
      ["units_without_contacts", 61],
      ["leaders_without_ids", 14],
    ]);
    expect(body.warnings[0]?.text).toContain(`请在 ${directory} 的 units[].contacts 中填写`);

    // A 2031 registry imported while the service runs: its calendar gap shows on the next request.
    const later = await openStore({ dataDir, redisKeyPrefix: "unused:" });
    await later.registry.save({
      ...imported,
      registry: parseText(noticeWith("1、加强监管（牵头领导：张三。承办单位：区财政局）"), { year: 2031 }),
    });
    await later.close();
    const after = (await (await fetch(`${base}/healthz`)).json()) as typeof body;
    expect(after.warnings.map((w) => w.code)).toContain("calendar_years_uncovered");
  });

  it("computes the dispatcher's lag from the oldest due message, on the injected clock", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-http-"));
    const store = await openStore({ dataDir, redisKeyPrefix: "unused:" });
    await store.outbox.enqueue(textMessage("late", "wecom:c1", "2021-03-22T01:58:30.000Z"));
    await store.outbox.enqueue(textMessage("later", "wecom:c1", "2021-03-22T01:59:30.000Z"));
    await store.outbox.enqueue(textMessage("future", "wecom:c1", "2021-03-22T03:00:00.000Z"));
    await store.close();
    const base = await start({ DUBAN_DATA_DIR: dataDir }, { clock: fixedClock("2021-03-22T02:00:00Z") });
    const body = (await (await fetch(`${base}/healthz`)).json()) as { dispatcher: unknown };
    expect(body.dispatcher).toEqual({
      running: false,
      lagMs: 90_000,
      oldestDueAt: "2021-03-22T01:58:30.000Z",
    });
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

/** The store, except that its ping never answers (a Redis that accepts the connection and hangs). */
function hanging(store: Store): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === "ping") return () => new Promise<void>(() => {});
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
