import { describe, expect, it, onTestFinished } from "vitest";
import { createLocalChannel, type LocalChannel } from "../../../src/channels/local/local-channel.js";
import { createDeliveryNotifier } from "../../../src/delivery/create-dead-letter-notifier.js";
import type { Dispatcher, DispatcherOptions } from "../../../src/delivery/create-dispatcher.js";
import type { OutboxPayload } from "../../../src/delivery/outbox-payload.js";
import { silentLogger } from "../../../src/shared/logger.js";
import { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import {
  ADMIN,
  MEMBERS,
  recipientOf,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  type VirtualClock,
  virtualClock,
} from "../../fixtures/delivery/delivery-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const MINUTE = 60_000;
const EVERYONE = [...MEMBERS, ADMIN].map((r) => r.personId);

/** Two instances (dispatchers on two handles of one SQLite file) sharing one local channel. */
function twoInstances(overrides: Partial<DispatcherOptions> = {}) {
  const temp = tempSqliteStore("duban-outage");
  onTestFinished(temp.remove);
  const other = new SqliteStore({ path: temp.path });
  onTestFinished(() => other.close());
  const clock = virtualClock(NOW);
  const channel = createLocalChannel({ clock, logger: silentLogger, budgets: [] });
  const instance = (store: SqliteStore, worker: string) =>
    testDispatcher(store, channel, clock, {
      worker,
      notices: createDeliveryNotifier({
        outbox: store.outbox,
        admins: () => [ADMIN],
        recipients: recipientOf,
        clock,
        logger: silentLogger,
      }),
      ...overrides,
    });
  return {
    store: temp.store,
    path: temp.path,
    clock,
    channel,
    dispatchers: [instance(temp.store, "a"), instance(other, "b")],
    instance,
  };
}

/** Runs every dispatcher each virtual minute for `minutes`. */
async function run(clock: VirtualClock, dispatchers: Dispatcher[], minutes: number) {
  for (let i = 0; i < minutes; i++) {
    for (const d of dispatchers) await d.dispatchDue();
    clock.advance(MINUTE);
  }
}

function textsTo(channel: LocalChannel, personId: string): string[] {
  return channel.sent({ to: personId }).map((m) => (m.message.kind === "text" ? m.message.text : ""));
}

describe("dispatchDue: a channel's outage", () => {
  it("holds everything through a 2-hour outage and tells each admin once when it starts and ends", async () => {
    const { store, clock, channel, dispatchers } = twoInstances();
    for (const id of EVERYONE) channel.failFor(id, "transient-error");
    for (let i = 0; i < 30; i++)
      await store.outbox.enqueue(textMessage(`m${i}`, MEMBERS[i % 3]?.personId ?? "", NOW));
    await run(clock, dispatchers, 120);
    expect(await store.outbox.stats()).toMatchObject({ dead: 0, sent: 0 });
    channel.clearFailures();
    await run(clock, dispatchers, 40);
    const stats = await store.outbox.stats();
    expect(stats).toMatchObject({ dead: 0, failed: 0, pending: 0, claimed: 0 });
    const texts = textsTo(channel, ADMIN.personId);
    expect(texts.filter((t) => t.startsWith("【发送通道故障】"))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith("【发送通道恢复】"))).toHaveLength(1);
    expect(texts).toHaveLength(2);
    const [outage] = texts.filter((t) => t.startsWith("【发送通道故障】"));
    expect(outage).toContain("本地通道自3月22日 10:05起无法发送消息，目前暂存");
    expect(outage).toContain("scripted transient-error");
    expect(outage).not.toContain("停止");
    for (const m of MEMBERS) expect(channel.sent({ to: m.personId })).toHaveLength(10);
    expect(await store.outages.get("local")).toBeUndefined();
  });

  it("sends a held outage notice before the recovery notice", async () => {
    const { store, clock, channel, dispatchers } = twoInstances();
    for (const id of EVERYONE) channel.failFor(id, "transient-error");
    await store.outbox.enqueue(textMessage("m1", MEMBERS[0]?.personId ?? "", NOW));
    await run(clock, dispatchers, 40);
    channel.clearFailures();
    // A fresh message goes first and ends the outage while the outage notice waits for its retry.
    await store.outbox.enqueue(textMessage("fresh", MEMBERS[1]?.personId ?? "", clock.now().toISOString()));
    await run(clock, dispatchers, 40);
    const texts = textsTo(channel, ADMIN.personId).map((t) => t.slice(0, 8));
    expect(texts).toEqual(["【发送通道故障】", "【发送通道恢复】"]);
  });

  it("tells nobody about a blip shorter than the notice delay", async () => {
    const { store, clock, channel, dispatchers } = twoInstances();
    channel.failFor(MEMBERS[0]?.personId ?? "", "transient-error", { times: 2 });
    await store.outbox.enqueue(textMessage("m1", MEMBERS[0]?.personId ?? "", NOW));
    await run(clock, dispatchers, 10);
    expect(channel.sent({ to: MEMBERS[0]?.personId })).toHaveLength(1);
    expect(textsTo(channel, ADMIN.personId)).toEqual([]);
    expect(await store.outages.get("local")).toBeUndefined();
  });

  it("keeps the outage across a restart: the instance that starts after it still tells the recovery", async () => {
    const { store, path, clock, channel, dispatchers, instance } = twoInstances();
    for (const id of EVERYONE) channel.failFor(id, "transient-error");
    await store.outbox.enqueue(textMessage("m1", MEMBERS[0]?.personId ?? "", NOW));
    await run(clock, dispatchers.slice(0, 1), 30);
    expect(await store.outages.get("local")).toMatchObject({ since: NOW, noticedAt: expect.any(String) });
    const restarted = new SqliteStore({ path });
    onTestFinished(() => restarted.close());
    channel.clearFailures();
    await run(clock, [instance(restarted, "c")], 40);
    const texts = textsTo(channel, ADMIN.personId);
    expect(texts.map((t) => t.slice(0, 8))).toEqual(
      expect.arrayContaining(["【发送通道故障】", "【发送通道恢复】"]),
    );
    expect(texts).toHaveLength(2);
  });

  it("retries a rate-limited message while it is useful (here 2 h), then expires it", async () => {
    const { store, clock, channel, dispatchers } = twoInstances({
      delivery: {
        lifetimeHours: 2,
        retryCapMinutes: 30,
        outageNoticeAfterMinutes: 5,
        deadNoticeWindowMinutes: 60,
      },
    });
    channel.failFor(MEMBERS[0]?.personId ?? "", "rate-limited");
    const { id } = await store.outbox.enqueue(textMessage("m1", MEMBERS[0]?.personId ?? "", NOW));
    await run(clock, dispatchers, 110);
    expect(await store.outbox.get(id)).toMatchObject({ status: "failed" });
    await run(clock, dispatchers, 40);
    expect(await store.outbox.get(id)).toMatchObject({
      status: "dead",
      lastError: expect.stringContaining("计划发送后2小时内一直未能发出"),
    });
  });
});

describe("dispatchDue: superseded reminders and dead-letter notices", () => {
  const reminder = (step: string, to: string, at: string) => {
    const meta: OutboxPayload["meta"] = { task: 52, unit: "区财政局", cycle: "2021-03", step };
    return textMessage(`52/区财政局/2021-03/${step}/${to}`, to, at, { meta });
  };

  it("drops a held reminder once the next step for the same people is in the outbox, telling nobody", async () => {
    const { store, clock, channel, dispatchers } = twoInstances();
    const alice = MEMBERS[0]?.personId ?? "";
    const bob = MEMBERS[1]?.personId ?? "";
    channel.failFor(alice, "transient-error", { times: 1 });
    channel.failFor(bob, "transient-error", { times: 1 });
    const first = await store.outbox.enqueue(reminder("first", alice, NOW));
    const bobs = await store.outbox.enqueue(reminder("first", bob, NOW));
    const [a] = dispatchers;
    expect(await a?.dispatchDue()).toMatchObject({ retried: 2 });
    await store.outbox.enqueue(reminder("due", alice, NOW));
    clock.advance(10 * MINUTE);
    expect(await a?.dispatchDue()).toMatchObject({ superseded: 1, sent: 2, dead: 0 });
    expect(await store.outbox.get(first.id)).toMatchObject({
      status: "dead",
      lastError: expect.stringContaining("后续提醒（due）"),
    });
    expect(await store.outbox.get(bobs.id)).toMatchObject({ status: "sent" });
    expect(channel.sent({ to: alice }).map((m) => m.idempotencyKey)).toEqual([
      "52/区财政局/2021-03/due/wecom:c1",
    ]);
    await run(clock, dispatchers, 5);
    expect(textsTo(channel, ADMIN.personId)).toEqual([]);
  });

  it("drops a superseded reminder again when an operator revives it with the other dead letters", async () => {
    const { store, clock, channel, dispatchers } = twoInstances();
    const alice = MEMBERS[0]?.personId ?? "";
    const first = await store.outbox.enqueue(reminder("first", alice, NOW));
    await store.outbox.claimDue(NOW, { limit: 1, leaseMs: MINUTE, worker: "w" });
    await store.outbox.markDead(first.id, { error: "superseded earlier", worker: "w" });
    await store.outbox.enqueue(reminder("overdue", alice, NOW));
    expect(await store.outbox.requeue(first.id, { at: NOW, revive: true })).toBe(true);
    expect(await dispatchers[0]?.dispatchDue()).toMatchObject({ superseded: 1, sent: 1 });
    expect(channel.sent({ to: alice }).map((m) => m.idempotencyKey)).toEqual([
      "52/区财政局/2021-03/overdue/wecom:c1",
    ]);
    clock.advance(MINUTE);
  });

  it("tells each admin once about a burst of permanent failures, and again in a later window", async () => {
    const { store, clock, channel, dispatchers } = twoInstances();
    for (const m of MEMBERS) channel.failFor(m.personId, "invalid-recipient");
    for (let i = 0; i < 12; i++)
      await store.outbox.enqueue(textMessage(`m${i}`, MEMBERS[i % 3]?.personId ?? "", NOW));
    await run(clock, dispatchers, 5);
    expect(await store.outbox.stats()).toMatchObject({ dead: 12 });
    const texts = textsTo(channel, ADMIN.personId);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain("60分钟内如再有消息未能送达，不再逐条通知");
    expect(texts[0]).toContain("duban outbox retry --dead");
    clock.advance(60 * MINUTE);
    await store.outbox.enqueue(textMessage("later", MEMBERS[0]?.personId ?? "", clock.now().toISOString()));
    await run(clock, dispatchers, 5);
    expect(textsTo(channel, ADMIN.personId)).toHaveLength(2);
  });
});
