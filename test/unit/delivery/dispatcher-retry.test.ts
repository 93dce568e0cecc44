import { describe, expect, it } from "vitest";
import { MEMBERS, textMessage } from "../../fixtures/delivery/delivery-world.js";
import { dispatchWorld } from "../../fixtures/delivery/dispatch-world.js";

const NOW = "2021-03-22T02:05:00.000Z"; // Monday 10:05 in Shanghai
const MINUTE = 60_000;
const alice = MEMBERS[0]?.personId ?? "";

describe("dispatchDue: retries", () => {
  it("retries after a transient error with exponential backoff, then delivers", async () => {
    const { store, clock, channel, dispatcher } = dispatchWorld(NOW);
    channel.failFor(alice, "transient-error", { times: 2 });
    const { id } = await store.outbox.enqueue(textMessage("m1", alice, NOW));

    expect(await dispatcher.dispatchDue()).toMatchObject({ retried: 1, sent: 0 });
    const first = await store.outbox.get(id);
    // random() is 0.5 in these tests, so the jitter is nil: 1 minute, then 2.
    expect(first).toMatchObject({ status: "failed", dueAt: "2021-03-22T02:06:00.000Z" });

    clock.advance(MINUTE - 1);
    expect(await dispatcher.dispatchDue()).toMatchObject({ claimed: 0 });
    clock.advance(1);
    expect(await dispatcher.dispatchDue()).toMatchObject({ retried: 1 });
    expect(await store.outbox.get(id)).toMatchObject({ status: "failed", dueAt: "2021-03-22T02:08:00.000Z" });

    clock.set("2021-03-22T02:08:00.000Z");
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(await store.outbox.get(id)).toMatchObject({ status: "sent", attempts: 3 });
    expect(channel.sent()).toHaveLength(1);
  });

  it("waits at least as long as a rate-limited answer asks", async () => {
    const { store, channel, dispatcher } = dispatchWorld(NOW);
    channel.failFor(alice, "rate-limited", { times: 1, retryAfterMs: 10 * MINUTE });
    const { id } = await store.outbox.enqueue(textMessage("m1", alice, NOW));
    await dispatcher.dispatchDue();
    // 10:15 would sit on no mark; 02:15Z is 10:15 in Shanghai.
    expect(await store.outbox.get(id)).toMatchObject({ status: "failed", dueAt: "2021-03-22T02:15:00.000Z" });
  });

  it("sends a message whose worker died after claiming it, once its lease has run out", async () => {
    const { store, clock, channel, dispatcher } = dispatchWorld(NOW);
    const { id } = await store.outbox.enqueue(textMessage("m1", alice, NOW));
    await store.outbox.claimDue(NOW, { limit: 1, leaseMs: 120_000, worker: "dead-worker" });
    expect(await dispatcher.dispatchDue()).toMatchObject({ claimed: 0 });
    clock.advance(120_000);
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(await store.outbox.get(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(channel.sent()).toHaveLength(1);
  });
});
