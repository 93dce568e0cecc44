import { once } from "node:events";
import { writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { directoryToYaml, scaffoldDirectory } from "../../src/registry/scaffold-directory.js";
import { fixedClock } from "../../src/shared/clock.js";
import { createLogger, type LogLevel } from "../../src/shared/logger.js";
import { openStore } from "../../src/store/open-store.js";
import { PEOPLE } from "../helpers/progress-app.js";
import { importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Line = Record<string, unknown> & { level: string; msg: string };

/**
 * The app over a temp store holding the seed, its log lines collected. With `scaffold`, the
 * directory is the one `duban import --scaffold-directory` writes for the seed (no contacts).
 */
async function startApp(level: LogLevel, options: { scaffold?: boolean } = {}) {
  const dir = makeTempDir("duban-logs");
  cleanups.push(dir.remove);
  const store = await openStore({ dataDir: dir.path, redisKeyPrefix: "unused:" });
  await importSeed(store);
  const env: Record<string, string> = { DUBAN_DATA_DIR: dir.path };
  const current = await store.registry.current();
  if (options.scaffold && current) {
    env.DUBAN_DIRECTORY = join(dir.path, "directory.yaml");
    writeFileSync(env.DUBAN_DIRECTORY, directoryToYaml(scaffoldDirectory(current.registry)));
  }
  await store.close();
  const lines: Line[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(JSON.parse(line) as Line) });
  const app = await createApp(loadConfig(env), logger, {
    clock: fixedClock("2021-03-22T02:00:00Z"),
    env: {},
  });
  const server = app.http.listen(0, "127.0.0.1");
  cleanups.push(
    () => app.stop(),
    () => new Promise((resolve) => server.close(resolve)),
  );
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(`${base}/dev/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
  };
  return { lines, post };
}

describe("the app's logs", () => {
  it("say each start-up warning once, at warn, for a directory scaffolded from the notice", async () => {
    const { lines } = await startApp("info", { scaffold: true });
    const checks = lines.filter((l) => l.msg.startsWith("start-up check"));
    expect(checks.map((l) => [l.level, l.code, l.count])).toEqual([
      ["warn", "units_without_contacts", 61],
      ["warn", "leaders_without_ids", 14],
    ]);
    expect(checks[0]?.text).toMatch(/^61个单位没有联系人，不会收到提醒：/);
  });

  it("log an inbound event once at info with its channel, user id, event id and kind, and its text only at debug", async () => {
    const text = "第52项：本月新增就业1200人";
    const info = await startApp("info");
    await info.post({ kind: "text", eventId: "ev-1", from: PEOPLE.hrContact, text });
    await info.post({
      kind: "card-action",
      eventId: "ev-2",
      from: PEOPLE.hrContact,
      cardId: "c-1",
      actionKey: "ack",
    });
    const events = info.lines.filter((l) => l.msg === "inbound event");
    expect(events).toEqual([
      expect.objectContaining({
        level: "info",
        channel: "local",
        userId: PEOPLE.hrContact,
        eventId: "ev-1",
        kind: "text",
      }),
      expect.objectContaining({
        level: "info",
        channel: "local",
        userId: PEOPLE.hrContact,
        eventId: "ev-2",
        kind: "card-action",
        actionKey: "ack",
      }),
    ]);
    expect(JSON.stringify(info.lines)).not.toContain("1200");

    const debug = await startApp("debug");
    await debug.post({ kind: "text", eventId: "ev-1", from: PEOPLE.hrContact, text });
    expect(debug.lines.filter((l) => l.msg === "inbound text")).toEqual([
      expect.objectContaining({ level: "debug", eventId: "ev-1", text }),
    ]);
  });
});
