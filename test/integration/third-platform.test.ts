import { once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { dump, load } from "js-yaml";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { CHANNEL_PLUGINS } from "../../src/channels/plugins.js";
import { DEMO_DIRECTORY, loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { openStore } from "../../src/store/open-store.js";
import { fakeChat } from "../fixtures/third-platform/fake-chat-plugin.js";
import { importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/**
 * Issue #10, done when: adding a channel is one folder and one line in the plugin table. Here the
 * folder is test/fixtures/third-platform/ and the line is the test's own table, so nothing in src
 * changes: a reminder goes out through the new platform and a click comes back through it.
 */
describe("a third platform from the test folder", () => {
  it("sends a reminder card within its own limits and takes a click back, closing the card by its token", async () => {
    const dir = makeTempDir("duban-third-platform");
    // The demo directory, with 徐勇 (contact of 区人力资源和社会保障局) reachable on fakechat only.
    const directory = load(readFileSync(DEMO_DIRECTORY, "utf8")) as {
      units: { name: string; contacts: Record<string, unknown>[] }[];
    };
    for (const unit of directory.units)
      for (const contact of unit.contacts)
        if (contact.name === "徐勇") contact.accounts = { fakechat: "fc-xuyong" };
    const directoryFile = join(dir.path, "directory.yaml");
    writeFileSync(directoryFile, dump(directory));
    const seeded = await openStore({ dataDir: dir.path, redisKeyPrefix: "unused:" });
    await importSeed(seeded);
    await seeded.close();

    let now = new Date("2021-03-22T00:07:00Z"); // 08:07 Beijing, the first sweep of the day
    const chat = fakeChat();
    const app = await createApp(
      loadConfig({ DUBAN_DATA_DIR: dir.path, DUBAN_DIRECTORY: directoryFile }),
      silentLogger,
      {
        clock: { now: () => new Date(now.getTime()) },
        env: { FAKECHAT_TOKEN: "secret-1" },
        plugins: [...CHANNEL_PLUGINS, chat.plugin],
      },
    );
    closers.push(() => app.stop());
    const server = app.http.listen(0, "127.0.0.1");
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    await once(server, "listening");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect([...app.services.channels.keys()]).toEqual(["fakechat"]);

    const sweep = app.services.jobs.find((job) => job.name === "reminder-sweep");
    await sweep?.run(now);
    now = new Date("2021-03-22T06:00:00Z"); // 14:00, after the morning's spread-out sends
    await app.services.dispatcher.dispatchDue();

    const cards = chat.sent.filter((m) => m.message.kind === "card");
    expect(cards.map((m) => m.to)).toEqual(["fc-xuyong", "fc-xuyong"]); // tasks 52 and 53
    const card = cards.find((m) => m.message.kind === "card" && m.message.card.title.includes("第52项"));
    if (card?.message.kind !== "card" || !card.cardId) throw new Error("no card");
    // The renderer asked the channel: four rows and three buttons, not WeCom's six and six.
    expect(card.message.card.fields.length).toBeLessThanOrEqual(4);
    expect(card.message.card.buttons.map((b) => b.key)).toEqual(["ack", "on-track", "difficulty"]);

    const click = {
      id: "evt-1",
      type: "click",
      user: "fc-xuyong",
      card: card.cardId,
      key: "ack",
      token: "opaque-update-token",
      at: now.toISOString(),
    };
    const post = (body: unknown, token = "secret-1") =>
      fetch(`${base}/fakechat/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-fakechat-token": token },
        body: JSON.stringify(body),
      });
    expect((await post(click, "wrong")).status).toBe(401);
    expect(await (await post(click)).json()).toEqual({ ok: true, fresh: true });
    // A redelivery is the inbox's business, whatever the platform: recorded once.
    expect(await (await post(click)).json()).toEqual({ ok: true, fresh: false });
    await app.services.dispatcher.dispatchDue();

    const texts = chat.sent.flatMap((m) => (m.message.kind === "text" ? [m.message.text] : []));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("签收");
    expect(chat.updates).toEqual([
      {
        to: "fc-xuyong",
        cardId: card.cardId,
        update: { kind: "close", label: "已签收" },
        updateToken: "opaque-update-token",
      },
    ]);
    const acknowledged = (await app.services.store.audit.query({})).filter(
      (e) => e.action === "task.acknowledged",
    );
    // 徐勇 keeps the person id the directory gave him (his WeCom account comes first in the table).
    expect(acknowledged.map((e) => [e.taskNo, e.actor])).toEqual([[52, "wecom:demo.u06.contact"]]);
  });
});
