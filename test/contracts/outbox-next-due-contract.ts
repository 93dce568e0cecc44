import { expect, it } from "vitest";
import type { ClaimOptions } from "../../src/store/outbox-message.js";
import { sampleMessage } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const T0 = "2021-03-22T00:30:00.000Z";
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const lease = (limit: number): ClaimOptions => ({ limit, leaseMs: 60_000, worker: "w1" });

export function outboxNextDueContract(ctx: ContractContext): void {
  it("says when something may next be claimed: a due time, or the end of a lease", async () => {
    const { outbox } = ctx.store;
    expect(await outbox.nextDueAt()).toBeUndefined();
    // Enqueued with an offset, answered in UTC.
    const a = await outbox.enqueue(sampleMessage("a", { notBefore: "2021-03-22T08:30:00+08:00" }));
    const b = await outbox.enqueue(sampleMessage("b", { notBefore: at(10) }));
    const c = await outbox.enqueue(sampleMessage("c", { notBefore: at(20) }));
    expect(await outbox.nextDueAt()).toBe(T0);
    await outbox.claimDue(T0, lease(1));
    expect(await outbox.nextDueAt()).toBe(at(1));
    await outbox.markFailed(a.id, { error: "x", retryAt: at(30), worker: "w1" });
    expect(await outbox.nextDueAt()).toBe(at(10));
    await outbox.claimDue(at(10), lease(1));
    expect(await outbox.nextDueAt()).toBe(at(11));
    await outbox.markSent(b.id, { platformMessageId: "p", at: at(10) });
    expect(await outbox.nextDueAt()).toBe(at(20));
    await outbox.markDead(c.id, { error: "x" });
    expect(await outbox.nextDueAt()).toBe(at(30));
    await outbox.claimDue(at(30), lease(1));
    await outbox.defer(a.id, { until: at(45), reason: "budget", worker: "w1" });
    expect(await outbox.nextDueAt()).toBe(at(45));
    await outbox.claimDue(at(45), lease(1));
    await outbox.markSent(a.id, { platformMessageId: "p", at: at(45) });
    expect(await outbox.nextDueAt()).toBeUndefined();
  });

  it("sees what another instance enqueued", async () => {
    const other = await ctx.another();
    await other.outbox.enqueue(sampleMessage("late", { notBefore: at(60) }));
    await other.outbox.enqueue(sampleMessage("early", { notBefore: at(5) }));
    expect(await ctx.store.outbox.nextDueAt()).toBe(at(5));
  });
}
