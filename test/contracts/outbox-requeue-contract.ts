import { expect, it } from "vitest";
import type { ClaimOptions } from "../../src/store/outbox-message.js";
import { sampleMessage } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const T0 = "2021-03-22T00:30:00.000Z";
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();
const lease = (worker = "w1"): ClaimOptions => ({ limit: 10, leaseMs: 60_000, worker });

export function outboxRequeueContract(ctx: ContractContext): void {
  it("finds a message by its idempotency key, whatever its status", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("52/区财政局/2021-03/due/u1", { notBefore: T0 }));
    expect(await outbox.findByKey("52/区财政局/2021-03/due/u1")).toMatchObject({ id, status: "pending" });
    await outbox.claimDue(T0, lease());
    await outbox.markDead(id, { error: "x", worker: "w1" });
    expect(await outbox.findByKey("52/区财政局/2021-03/due/u1")).toMatchObject({ id, status: "dead" });
    expect(await outbox.findByKey("52/区财政局/2021-03/first/u1")).toBeUndefined();
    expect(await outbox.hasKey("52/区财政局/2021-03/due/u1")).toBe(true);
    expect(await outbox.hasKey("52/区财政局/2021-03/first/u1")).toBe(false);
  });

  it("makes a failed message due now, keeping its attempts", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await outbox.claimDue(T0, lease());
    await outbox.markFailed(id, { error: "busy", retryAt: at(3_600_000), worker: "w1" });
    expect(await outbox.requeue(id, { at: at(60_000) })).toBe(true);
    expect(await outbox.get(id)).toMatchObject({ status: "failed", attempts: 1, dueAt: at(60_000) });
    expect(await outbox.nextDueAt()).toBe(at(60_000));
    const [again] = await (await ctx.another()).outbox.claimDue(at(60_000), lease("w2"));
    expect(again).toMatchObject({ id, attempts: 2 });
  });

  it("revives a dead message only when asked, with its attempts and deferrals reset", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await outbox.claimDue(T0, lease());
    await outbox.defer(id, { until: at(1000), reason: "night", worker: "w1" });
    await outbox.claimDue(at(1000), lease());
    await outbox.markDead(id, { error: "expired", worker: "w1" });
    expect(await outbox.requeue(id, { at: at(5000) })).toBe(false);
    expect(await outbox.get(id)).toMatchObject({ status: "dead" });
    expect(await outbox.requeue(id, { at: at(5000), revive: true })).toBe(true);
    const revived = await outbox.get(id);
    expect(revived).toMatchObject({
      status: "pending",
      attempts: 0,
      notBefore: at(5000),
      dueAt: at(5000),
      lastError: "expired",
    });
    expect(revived).not.toHaveProperty("deferrals");
    expect(await outbox.stats()).toEqual({ pending: 1, claimed: 0, failed: 0, sent: 0, dead: 0 });
    const [claimed] = await outbox.claimDue(at(5000), lease());
    expect(claimed).toMatchObject({ id, attempts: 1 });
  });

  it("leaves claimed and sent messages alone, and refuses an unknown id", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await outbox.claimDue(T0, lease());
    expect(await outbox.requeue(id, { at: T0, revive: true })).toBe(false);
    await outbox.markSent(id, { platformMessageId: "m1", at: T0 });
    expect(await outbox.requeue(id, { at: T0, revive: true })).toBe(false);
    expect(await outbox.get(id)).toMatchObject({ status: "sent" });
    await expect(outbox.requeue(999, { at: T0 })).rejects.toThrow(/no message with id 999/);
  });
}
