import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import type { LocalSentMessage } from "../../src/channels/local/local-channel.js";
import { loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { createVirtualClock } from "../../src/simulate/virtual-clock.js";
import { importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

describe("明天再提醒 through the real app", () => {
  const dir = makeTempDir("duban-snooze");
  const clock = createVirtualClock(new Date("2021-03-22T01:00:00Z")); // Monday 09:00 in Shanghai
  const env = { DUBAN_DATA_DIR: dir.path };
  let stop: () => Promise<void> = async () => {};
  afterAll(async () => {
    await stop();
    dir.remove();
  });

  it("defers the person's next step by one working day and keeps the due date", async () => {
    const app = await createApp(loadConfig(env), silentLogger, { clock, env });
    const server = app.http.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    stop = async () => {
      server.close();
      await app.stop();
    };
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { store, jobs, dispatcher } = app.services;
    await importSeed(store);
    const sweep = jobs.find((j) => j.name === "reminder-sweep");
    if (!sweep) throw new Error("no sweep job");

    await sweep.run(clock.now());
    clock.set(new Date("2021-03-22T05:00:00Z")); // 13:00: every card of the morning is due
    await dispatcher.dispatchDue();
    const outbox = (await (await fetch(`${base}/dev/outbox`)).json()) as { messages: LocalSentMessage[] };
    const card = outbox.messages.find((m) =>
      m.idempotencyKey?.startsWith("52/区人力资源和社会保障局/2021-03/first/"),
    );
    if (!card?.cardId) throw new Error("no card for task 52");
    const contactWecomId = card.to.replace(/^wecom:/, "");
    const clickSnooze = () =>
      fetch(`${base}/dev/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          kind: "card-action",
          from: contactWecomId,
          cardId: card.cardId,
          actionKey: "snooze",
        }),
      });

    const click = await clickSnooze();
    expect(click.status).toBe(202);
    expect(await store.people.get(card.to)).toEqual({ snoozeUntil: "2021-03-23T09:00:00+08:00" });
    expect((await store.audit.query({ taskNo: 52 })).map((e) => e.action)).toContain("reminder.snoozed");

    // Thursday's due-day reminder for the snoozed contact is planned for Thursday as usual: the
    // snooze ended on Tuesday. A snooze clicked on Thursday defers it to Friday, due date unchanged.
    clock.set(new Date("2021-03-25T00:20:00Z")); // Thursday 08:20
    await clickSnooze();
    await sweep.run(clock.now());
    const due = (await store.outbox.list()).find(
      (m) => m.idempotencyKey === `52/区人力资源和社会保障局/2021-03/due/${card.to}`,
    );
    expect(due?.notBefore.startsWith("2021-03-26T")).toBe(true);
    const others = (await store.outbox.list()).filter(
      (m) => m.idempotencyKey.includes("/2021-03/due/") && m.recipient !== card.to,
    );
    expect(others.length).toBeGreaterThan(60);
    expect(others.every((m) => m.notBefore.startsWith("2021-03-25T"))).toBe(true);
  });
});
