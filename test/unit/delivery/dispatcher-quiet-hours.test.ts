import { describe, expect, it } from "vitest";
import type { DispatcherOptions } from "../../../src/delivery/create-dispatcher.js";
import { MEMBERS, textMessage } from "../../fixtures/delivery/delivery-world.js";
import { dispatchWorld } from "../../fixtures/delivery/dispatch-world.js";

const FRIDAY_EVENING = "2021-04-02T12:00:00.000Z"; // Friday 2 April 2021, 20:00 in Shanghai
const alice = MEMBERS[0]?.personId ?? "";

function setup(overrides: Partial<DispatcherOptions> = {}, budgetPerMinute?: number) {
  const budgets =
    budgetPerMinute === undefined
      ? []
      : [{ name: "per-minute", scope: "recipient" as const, limit: budgetPerMinute, windowMs: 60_000 }];
  return dispatchWorld(FRIDAY_EVENING, { dispatcher: overrides, budgets });
}

describe("dispatchDue: quiet hours and budgets", () => {
  it("holds a message due on Friday 20:00 until Tuesday morning after 清明, clear of 08:30", async () => {
    const { store, clock, channel, dispatcher } = setup();
    const { id } = await store.outbox.enqueue(textMessage("m1", alice, FRIDAY_EVENING));
    expect(await dispatcher.dispatchDue()).toMatchObject({ claimed: 1, deferredQuiet: 1, sent: 0 });
    const held = await store.outbox.get(id);
    const dueAt = held?.dueAt ?? "";
    expect(Date.parse(dueAt)).toBeGreaterThanOrEqual(Date.parse("2021-04-06T08:33:00+08:00"));
    expect(Date.parse(dueAt)).toBeLessThan(Date.parse("2021-04-06T08:48:00+08:00"));

    for (const day of ["2021-04-03T02:05:00Z", "2021-04-05T02:05:00Z"]) {
      clock.set(day);
      expect(await dispatcher.dispatchDue()).toMatchObject({ claimed: 0 });
    }
    clock.set(dueAt);
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(channel.sent()).toEqual([expect.objectContaining({ idempotencyKey: "m1", at: dueAt })]);
  });

  it("does not count nights spent waiting as failed attempts", async () => {
    const { store, clock, channel, dispatcher } = setup({ maxAttempts: 2 });
    channel.failFor(alice, "transient-error", { times: 1 });
    const { id } = await store.outbox.enqueue(textMessage("m1", alice, FRIDAY_EVENING));
    await dispatcher.dispatchDue();
    clock.set((await store.outbox.get(id))?.dueAt ?? "");
    // Second claim, first real failure: below the limit of 2, so retried rather than dead.
    expect(await dispatcher.dispatchDue()).toMatchObject({ retried: 1, dead: 0 });
    clock.set((await store.outbox.get(id))?.dueAt ?? "");
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    // Three claims: the night's was handed back (a deferral), so two count as attempts.
    expect(await store.outbox.get(id)).toMatchObject({ status: "sent", attempts: 2, deferrals: 1 });
  });

  it("sends an immediate answer at night", async () => {
    const { store, channel, dispatcher } = setup();
    await store.outbox.enqueue(textMessage("reply", alice, FRIDAY_EVENING, { immediate: true }));
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(channel.sent()).toHaveLength(1);
  });

  it("defers over a budget without counting it as a failure, then sends within it", async () => {
    const { store, clock, channel, dispatcher } = setup({ maxAttempts: 1 }, 1);
    clock.set("2021-04-06T02:05:00Z"); // Tuesday 10:05
    for (const key of ["a", "b", "c"])
      await store.outbox.enqueue(textMessage(key, alice, clock.now().toISOString()));
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 1, deferredBudget: 2 });
    for (let i = 0; i < 10 && channel.sent().length < 3; i++) {
      clock.advance(30_000);
      await dispatcher.dispatchDue();
    }
    const times = channel.sent().map((m) => Date.parse(m.at));
    expect(times).toHaveLength(3);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(60_000);
    expect(await store.outbox.stats()).toMatchObject({ sent: 3, dead: 0 });
  });
});
