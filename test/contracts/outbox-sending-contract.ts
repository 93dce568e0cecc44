import { expect, it } from "vitest";
import type { ClaimOptions } from "../../src/store/outbox-message.js";
import { sampleMessage } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const T0 = "2021-03-22T00:30:00.000Z";
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();
const lease = (worker = "w1", leaseMs = 60_000): ClaimOptions => ({ limit: 10, leaseMs, worker });

/** outbox.markSending: a started send stays visible until an outcome is recorded (issue #11 item 2). */
export function outboxSendingContract(ctx: ContractContext): void {
  it("notes a started send on the worker's own claim only, and keeps it for the next claimer", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    expect(await outbox.markSending(id, { at: T0, worker: "w1" })).toBe(false);
    await outbox.claimDue(T0, lease("w1", 1_000));
    expect(await outbox.markSending(id, { at: T0, worker: "w2" })).toBe(false);
    expect(await outbox.get(id)).not.toHaveProperty("sendingSince");
    expect(await outbox.markSending(id, { at: at(10), worker: "w1" })).toBe(true);
    // w1 dies mid-send: its lease runs out and w2 claims the message, seeing the send w1 started.
    const [again] = await outbox.claimDue(at(1_000), lease("w2"));
    expect(again).toMatchObject({ id, claimedBy: "w2", attempts: 2, sendingSince: at(10) });
    expect(await outbox.markSending(id, { at: at(20), worker: "w1" })).toBe(false);
  });

  it("keeps a started send through a deferral before sending, and clears it once an outcome is recorded", async () => {
    const { outbox } = ctx.store;
    const ids = [];
    for (const key of ["sent", "failed", "dead", "answered", "quiet"]) {
      ids.push((await outbox.enqueue(sampleMessage(key, { notBefore: T0 }))).id);
    }
    const [sent, failed, dead, answered, quiet] = ids as [number, number, number, number, number];
    await outbox.claimDue(T0, lease());
    for (const id of ids) await outbox.markSending(id, { at: T0, worker: "w1" });
    await outbox.markSent(sent, { platformMessageId: "m1", at: at(1) });
    await outbox.markFailed(failed, { error: "busy", retryAt: at(60_000), worker: "w1" });
    await outbox.markDead(dead, { error: "gone", worker: "w1" });
    await outbox.defer(answered, { until: at(60_000), reason: "paused", worker: "w1", answered: true });
    await outbox.defer(quiet, { until: at(60_000), reason: "night", worker: "w1" });
    for (const id of [sent, failed, dead, answered])
      expect(await outbox.get(id), String(id)).not.toHaveProperty("sendingSince");
    expect(await outbox.get(quiet)).toMatchObject({ status: "pending", sendingSince: T0 });
    // An operator's revival decides to send again: nothing is in doubt any more.
    expect(await outbox.requeue(dead, { at: at(2), revive: true })).toBe(true);
    expect(await outbox.get(dead)).not.toHaveProperty("sendingSince");
  });

  it("carries a started send through a dump and back", async () => {
    const { outbox } = ctx.store;
    const { id } = await outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await outbox.claimDue(T0, lease());
    await outbox.markSending(id, { at: at(5), worker: "w1" });
    const dump = await ctx.store.exportAll();
    expect(dump.outbox.find((m) => m.id === id)).toMatchObject({ sendingSince: at(5) });
  });
}
