import { expect, it } from "vitest";
import type { ClaimOptions } from "../../src/store/outbox-message.js";
import { sampleMessage } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const T0 = "2021-03-22T00:30:00.000Z";
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();
const lease = (worker = "w1", leaseMs = 60_000): ClaimOptions => ({ limit: 10, leaseMs, worker });
const NIGHT = "非工作时间，推迟至工作时间发送。";

export function outboxDeferContract(ctx: ContractContext): void {
  it("hands a claimed message back to pending at `until` without counting the claim", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await outbox.claimDue(T0, lease());
    const until = "2021-03-23T08:33:00+08:00";
    expect(await outbox.defer(id, { until, reason: NIGHT, worker: "w1" })).toBe(true);
    const held = await outbox.get(id);
    expect(held).toMatchObject({
      status: "pending",
      attempts: 0,
      deferrals: 1,
      dueAt: until,
      lastError: NIGHT,
    });
    expect(held).not.toHaveProperty("claimedBy");
    expect(held).not.toHaveProperty("leaseUntil");
    expect(await outbox.stats()).toEqual({ pending: 1, claimed: 0, failed: 0, sent: 0, dead: 0 });
    expect(await outbox.claimDue(new Date(Date.parse(until) - 1), lease("w2"))).toEqual([]);
    const [again] = await outbox.claimDue(until, lease("w2"));
    expect(again).toMatchObject({ id, status: "claimed", attempts: 1, deferrals: 1, claimedBy: "w2" });
  });

  it("keeps the failures counted before a deferral, and counts each deferral", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await outbox.claimDue(T0, lease());
    await outbox.markFailed(id, { error: "errcode 45009", retryAt: at(60_000), worker: "w1" });
    for (const step of [1, 2]) {
      await outbox.claimDue(at(60_000 * step), lease());
      expect(await outbox.defer(id, { until: at(60_000 * (step + 1)), reason: "budget", worker: "w1" })).toBe(
        true,
      );
    }
    expect(await outbox.get(id)).toMatchObject({ status: "pending", attempts: 1, deferrals: 2 });
  });

  it("refuses to defer a message not claimed, or claimed by another worker", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    const later = { until: at(3_600_000), reason: "budget" };
    expect(await outbox.defer(id, { ...later, worker: "w1" })).toBe(false);
    await outbox.claimDue(T0, lease("slow", 1_000));
    await outbox.claimDue(at(1_000), lease("fast"));
    expect(await outbox.defer(id, { ...later, worker: "slow" })).toBe(false);
    expect(await outbox.get(id)).toMatchObject({ status: "claimed", claimedBy: "fast", attempts: 2 });
    expect(await outbox.get(id)).not.toHaveProperty("deferrals");
    await expect(outbox.defer(404, { ...later, worker: "w1" })).rejects.toMatchObject({ code: "not_found" });
    await expect(outbox.defer(id, { ...later, until: "tomorrow", worker: "fast" })).rejects.toThrow(/until/);
  });

  it("ignores a dead-letter from a worker whose lease was taken over, or for a message it does not hold", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    expect(await outbox.markDead(id, { error: "x", worker: "slow" })).toBe(false);
    await outbox.claimDue(T0, lease("slow", 1_000));
    await outbox.claimDue(at(1_000), lease("fast"));
    expect(await outbox.markDead(id, { error: "late", worker: "slow" })).toBe(false);
    expect(await outbox.get(id)).toMatchObject({ status: "claimed", claimedBy: "fast" });
    expect(await outbox.markDead(id, { error: "invalid recipient", worker: "fast" })).toBe(true);
    expect(await outbox.get(id)).toMatchObject({ status: "dead", lastError: "invalid recipient" });
    expect(await outbox.get(id)).not.toHaveProperty("claimedBy");
  });
}
