import { describe, expect, it, onTestFinished } from "vitest";
import { createLocalChannel } from "../../../src/channels/local/local-channel.js";
import { silentLogger } from "../../../src/shared/logger.js";
import type { OutboxStore } from "../../../src/store/outbox-message.js";
import {
  enqueueMessages,
  MEMBERS,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  virtualClock,
} from "../../fixtures/delivery/delivery-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai

/**
 * The outbox of a store that goes down on demand: every call throws while `down` is set, as a
 * Redis that stopped answering or a SQLite file another process holds locked would.
 */
function failingOutbox(outbox: OutboxStore) {
  const state = { down: false, downAfterSends: Number.POSITIVE_INFINITY };
  const wrapped = new Proxy(outbox, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        if (name === "markSent" && state.downAfterSends-- <= 0) {
          state.down = true;
          state.downAfterSends = Number.POSITIVE_INFINITY;
        }
        if (state.down) throw new Error("store unavailable: connection refused");
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { outbox: wrapped, state };
}

function world() {
  const temp = tempSqliteStore();
  onTestFinished(temp.remove);
  const clock = virtualClock(NOW);
  const channel = createLocalChannel({ clock, logger: silentLogger });
  const failing = failingOutbox(temp.store.outbox);
  const dispatcher = testDispatcher({ outbox: failing.outbox }, channel, clock, { concurrency: 1 });
  return { store: temp.store, clock, channel, dispatcher, state: failing.state };
}

describe("dispatchDue: the store goes down mid-round (issue #11 item 2)", () => {
  it("stops sending at once, keeps what it sent in memory, and records it when the store returns", async () => {
    const w = world();
    await enqueueMessages(w.store, "m", 10, NOW);
    // Three sends are recorded; the fourth reaches the platform but its outcome cannot be written.
    w.state.downAfterSends = 3;
    const report = await w.dispatcher.dispatchDue();
    expect(report).toMatchObject({ claimed: 10, sent: 3, unrecorded: 1 });
    expect(w.channel.sent()).toHaveLength(4);
    // While the store is down, a round records nothing and sends nothing.
    await expect(w.dispatcher.dispatchDue()).rejects.toThrow(/store unavailable/);
    expect(w.channel.sent()).toHaveLength(4);
    // Back: the kept outcome is written first; the rest go once their leases end, each once.
    w.state.down = false;
    w.clock.advance(120_000);
    expect(await w.dispatcher.dispatchDue()).toMatchObject({ sent: 6, unrecorded: 0 });
    expect(w.channel.sent()).toHaveLength(10);
    expect(w.channel.duplicates()).toEqual([]);
    expect(await w.store.outbox.stats()).toMatchObject({ sent: 10, claimed: 0, dead: 0 });
    const fourth = await w.store.outbox.findByKey("m-3");
    expect(fourth).toMatchObject({ status: "sent", platformMessageId: "local-4" });
    expect(fourth).not.toHaveProperty("sendingSince");
  });

  it("sends nothing when it cannot note that a send starts", async () => {
    const w = world();
    await enqueueMessages(w.store, "m", 3, NOW);
    const claimed = await w.store.outbox.claimDue(NOW, { limit: 10, leaseMs: 1, worker: "gone" });
    expect(claimed).toHaveLength(3);
    w.clock.advance(1_000);
    w.state.downAfterSends = 0;
    w.state.down = false;
    // claimDue answers, then the store fails before markSending: nothing reaches the platform.
    const outbox = w.store.outbox;
    const original = outbox.markSending.bind(outbox);
    outbox.markSending = async () => {
      throw new Error("store unavailable: connection refused");
    };
    onTestFinished(() => {
      outbox.markSending = original;
    });
    expect(await w.dispatcher.dispatchDue()).toMatchObject({ claimed: 3, errors: 1, sent: 0 });
    expect(w.channel.sent()).toEqual([]);
  });

  it("on a restart, dead-letters a message whose send was started and never recorded, unless the platform drops copies", async () => {
    const w = world();
    await enqueueMessages(w.store, "m", 1, NOW);
    await w.store.outbox.claimDue(NOW, { limit: 1, leaseMs: 60_000, worker: "killed" });
    const [message] = await w.store.outbox.list();
    await w.store.outbox.markSending(message?.id ?? 0, { at: NOW, worker: "killed" });
    w.clock.advance(60_000);
    const dead: string[] = [];
    const restarted = testDispatcher(w.store, w.channel, w.clock, {
      onDead: async (_m, reason) => {
        dead.push(reason);
      },
    });
    expect(await restarted.dispatchDue()).toMatchObject({ claimed: 1, dead: 1, sent: 0 });
    expect(w.channel.sent()).toEqual([]);
    expect(dead).toEqual([
      "3月22日 10:05开始发送时服务中断，未能确认对方是否已收到；为免重复，未自动重发。确认未收到后可用 duban outbox retry --dead 重发。",
    ]);
  });

  it("sends it again within the platform's duplicate window, where the platform drops the copy", async () => {
    const w = world();
    await enqueueMessages(w.store, "m", 1, NOW);
    await w.store.outbox.claimDue(NOW, { limit: 1, leaseMs: 60_000, worker: "killed" });
    const [message] = await w.store.outbox.list();
    await w.store.outbox.markSending(message?.id ?? 0, { at: NOW, worker: "killed" });
    const dropsCopies = createLocalChannel({
      clock: w.clock,
      logger: silentLogger,
      duplicateWindowMs: 30 * 60_000,
    });
    w.clock.advance(60_000);
    expect(await testDispatcher(w.store, dropsCopies, w.clock).dispatchDue()).toMatchObject({ sent: 1 });
    // Past the window, the same situation is a person's to decide.
    await enqueueMessages(w.store, "late", 1, NOW);
    const [late] = await w.store.outbox.claimDue(w.clock.now(), {
      limit: 1,
      leaseMs: 60_000,
      worker: "killed",
    });
    await w.store.outbox.markSending(late?.id ?? 0, { at: w.clock.now().toISOString(), worker: "killed" });
    w.clock.advance(31 * 60_000);
    expect(await testDispatcher(w.store, dropsCopies, w.clock).dispatchDue()).toMatchObject({ dead: 1 });
  });

  it("never sends an answer again after an unknown outcome: answers go without the platform's duplicate check", async () => {
    const w = world();
    await w.store.outbox.enqueue(
      textMessage("answer/local/e1/1", MEMBERS[0]?.personId ?? "", NOW, {
        immediate: true,
        meta: { kind: "answer", event: "e1" },
      }),
    );
    await w.store.outbox.claimDue(NOW, { limit: 1, leaseMs: 60_000, worker: "killed" });
    const [answer] = await w.store.outbox.list();
    await w.store.outbox.markSending(answer?.id ?? 0, { at: NOW, worker: "killed" });
    const dropsCopies = createLocalChannel({
      clock: w.clock,
      logger: silentLogger,
      duplicateWindowMs: 30 * 60_000,
    });
    w.clock.advance(60_000);
    expect(await testDispatcher(w.store, dropsCopies, w.clock).dispatchDue()).toMatchObject({
      dead: 1,
      sent: 0,
    });
    expect(dropsCopies.sent()).toEqual([]);
  });
});
