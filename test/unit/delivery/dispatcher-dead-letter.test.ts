import { describe, expect, it } from "vitest";
import type { LocalChannel } from "../../../src/channels/local/local-channel.js";
import {
  createDeadLetterNotifier,
  type DeadLetterHandler,
} from "../../../src/delivery/create-dead-letter-notifier.js";
import type { Dispatcher, DispatcherOptions } from "../../../src/delivery/create-dispatcher.js";
import { silentLogger } from "../../../src/shared/logger.js";
import type { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import {
  ADMIN,
  MEMBERS,
  recipientOf,
  textMessage,
  type VirtualClock,
} from "../../fixtures/delivery/delivery-world.js";
import { dispatchWorld } from "../../fixtures/delivery/dispatch-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const alice = MEMBERS[0]?.personId ?? "";

function setup(dispatcher: Partial<DispatcherOptions> = {}) {
  const dead: string[] = [];
  let notify: DeadLetterHandler = async () => {};
  const onDead: DeadLetterHandler = async (message, reason) => {
    dead.push(reason);
    await notify(message, reason);
  };
  const world = dispatchWorld(NOW, { dispatcher: { onDead, ...dispatcher } });
  notify = createDeadLetterNotifier({
    outbox: world.store.outbox,
    admins: () => [ADMIN],
    recipients: recipientOf,
    clock: world.clock,
    logger: silentLogger,
  });
  return { ...world, notify, dead };
}

/** Dispatches, moving the clock to each retry, until message `id` is sent or dead. */
async function runToEnd(
  world: { store: SqliteStore; clock: VirtualClock; dispatcher: Dispatcher },
  id: number,
) {
  for (let round = 0; round < 200; round++) {
    await world.dispatcher.dispatchDue();
    const message = await world.store.outbox.get(id);
    if (message?.status !== "failed") return message;
    world.clock.set(message.dueAt);
  }
  throw new Error("message neither sent nor dead after 200 rounds");
}

function noticesTo(channel: LocalChannel) {
  return channel.sent({ to: ADMIN.personId });
}

describe("dispatchDue: dead letters", () => {
  it("keeps retrying for 24 hours, then expires the message and tells the admins once", async () => {
    const world = setup();
    world.channel.failFor(alice, "transient-error");
    const { id } = await world.store.outbox.enqueue(textMessage("m1", alice, NOW));
    const final = await runToEnd(world, id);
    // 1, 2, 4, 8, 16 min, then about every 27 min (the 30 min cap, spread below it) within the
    // sending hours of Monday and Tuesday, until 24 h after 10:05 on Monday.
    expect(final?.status).toBe("dead");
    expect(final?.attempts).toBeGreaterThan(20);
    expect(Date.parse(world.clock.now().toISOString())).toBeGreaterThanOrEqual(Date.parse(NOW) + 86_400_000);
    expect(final?.lastError).toContain("计划发送后24小时内一直未能发出");
    expect(world.dead).toHaveLength(1);

    // The notice goes through the outbox; told again about the same message, nobody hears twice.
    await world.notify(final ?? (await Promise.reject(new Error("no message"))), world.dead[0] ?? "");
    await world.dispatcher.dispatchDue();
    await world.dispatcher.dispatchDue();
    const notices = noticesTo(world.channel);
    expect(notices).toHaveLength(1);
    const text = notices[0]?.message.kind === "text" ? notices[0].message.text : "";
    expect(text).toContain("【消息未能送达】发给联络员甲的消息“消息 m1”未能送达");
    expect(text).toContain(`发送失败：${final?.attempts}次`);
    expect(text).toContain("已停止发送");
    expect(text).not.toMatch(/将.*自动重试|稍后/);
  });

  it("dead-letters an invalid recipient at once", async () => {
    const world = setup();
    world.channel.failFor(alice, "invalid-recipient");
    const { id } = await world.store.outbox.enqueue(textMessage("m1", alice, NOW));
    expect(await world.dispatcher.dispatchDue()).toMatchObject({ dead: 1 });
    expect(await world.store.outbox.get(id)).toMatchObject({ status: "dead", attempts: 1 });
    // The notice was enqueued during that round and goes out in the next.
    expect(await world.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(noticesTo(world.channel)).toEqual([
      expect.objectContaining({ message: { kind: "text", text: expect.stringContaining("发送失败：1次") } }),
    ]);
  });

  it("dead-letters a permanent error, an unknown person and an unreadable payload", async () => {
    const world = setup();
    world.channel.failFor(alice, "permanent-error");
    await world.store.outbox.enqueue(textMessage("permanent", alice, NOW));
    await world.store.outbox.enqueue(textMessage("stranger", "wecom:nobody", NOW));
    await world.store.outbox.enqueue({
      ...textMessage("garbled", MEMBERS[1]?.personId ?? "", NOW),
      payload: { text: 1 },
    });
    expect(await world.dispatcher.dispatchDue()).toMatchObject({ claimed: 3, dead: 3 });
    expect(world.dead.sort()).toEqual(
      [
        "名录中找不到该收件人（wecom:nobody）。",
        "消息内容格式不正确，无法发送。",
        "scripted permanent-error",
      ].sort(),
    );
  });

  it("does not tell the admins about a notice to them that died", async () => {
    const world = setup();
    world.channel.failFor(alice, "invalid-recipient");
    world.channel.failFor(ADMIN.personId, "invalid-recipient");
    await world.store.outbox.enqueue(textMessage("m1", alice, NOW));
    await world.dispatcher.dispatchDue();
    await world.dispatcher.dispatchDue();
    await world.dispatcher.dispatchDue();
    expect(await world.store.outbox.stats()).toMatchObject({ dead: 2, pending: 0, failed: 0 });
    expect(world.dead).toHaveLength(2);
  });

  it("counts a claim its worker never finished as a failed attempt", async () => {
    const world = setup({ maxAttempts: 6 });
    world.channel.failFor(alice, "transient-error");
    const { id } = await world.store.outbox.enqueue(textMessage("m1", alice, NOW));
    // Five workers died mid-send; the sixth attempt fails and is the last.
    for (let i = 0; i < 5; i++) {
      await world.store.outbox.claimDue(world.clock.now(), { limit: 1, leaseMs: 1_000, worker: `w${i}` });
      world.clock.advance(1_000);
    }
    expect(await world.dispatcher.dispatchDue()).toMatchObject({ dead: 1 });
    expect(await world.store.outbox.get(id)).toMatchObject({ status: "dead", attempts: 6 });
  });
});
