import { expect, it } from "vitest";
import type { ClaimOptions, OutboxMessage } from "../../src/store/outbox-message.js";
import type { Store } from "../../src/store/store.js";
import { sampleMessage } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const T0 = "2021-03-22T00:30:00.000Z";
const at = (offsetMs: number) => new Date(Date.parse(T0) + offsetMs).toISOString();
const lease = (worker = "w1", limit = 10): ClaimOptions => ({ limit, leaseMs: 60_000, worker });

async function claimOne(store: Store, now = T0): Promise<OutboxMessage> {
  const [message] = await store.outbox.claimDue(now, lease("w1", 1));
  if (message === undefined) throw new Error("expected a due message");
  return message;
}

export function outboxContract(ctx: ContractContext): void {
  it("stores one message per idempotency key", async () => {
    const first = await ctx.store.outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    const again = await ctx.store.outbox.enqueue(sampleMessage("k1", { recipient: "someone-else" }));
    const other = await ctx.store.outbox.enqueue(sampleMessage("k2", { notBefore: T0 }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(other.created).toBe(true);
    expect(other.id).toBeGreaterThan(first.id);
    const stored = await ctx.store.outbox.list();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toEqual({
      ...sampleMessage("k1", { notBefore: T0 }),
      id: first.id,
      status: "pending",
      attempts: 0,
      dueAt: T0,
    });
  });

  it("enqueues each key once when two instances enqueue the same messages at once", async () => {
    const other = await ctx.another();
    const keys = Array.from({ length: 20 }, (_, i) => `k${i % 10}`);
    const results = await Promise.all(
      keys.map((key, i) => (i % 2 === 0 ? ctx.store : other).outbox.enqueue(sampleMessage(key))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(10);
    expect(await ctx.store.outbox.list()).toHaveLength(10);
  });

  it("claims only due messages, oldest first, up to the limit, and leases them", async () => {
    const { outbox } = ctx.store;
    const late = await outbox.enqueue(sampleMessage("late", { notBefore: at(5_000) }));
    const b = await outbox.enqueue(sampleMessage("b", { notBefore: at(-1_000) }));
    const a = await outbox.enqueue(sampleMessage("a", { notBefore: at(-2_000) }));
    const c = await outbox.enqueue(sampleMessage("c", { notBefore: at(-1_000) }));
    const claimed = await outbox.claimDue(T0, lease("w1", 2));
    expect(claimed.map((m) => m.id)).toEqual([a.id, b.id]);
    expect(claimed[0]).toMatchObject({
      status: "claimed",
      attempts: 1,
      claimedBy: "w1",
      leaseUntil: at(60_000),
    });
    expect((await outbox.claimDue(T0, lease("w2"))).map((m) => m.id)).toEqual([c.id]);
    expect(await outbox.claimDue(T0, lease("w3"))).toEqual([]);
    expect((await outbox.claimDue(at(5_000), lease("w3"))).map((m) => m.id)).toEqual([late.id]);
  });

  it("accepts now as a Date or an ISO string with offset, and refuses one without", async () => {
    await ctx.store.outbox.enqueue(sampleMessage("k1", { notBefore: "2021-03-22T08:30:00+08:00" }));
    expect(await ctx.store.outbox.claimDue(new Date(Date.parse(T0) - 1), lease())).toEqual([]);
    expect(await ctx.store.outbox.claimDue(new Date(T0), lease())).toHaveLength(1);
    await expect(ctx.store.outbox.claimDue("2021-03-22T08:30:00", lease())).rejects.toThrow(/offset/);
    await expect(ctx.store.outbox.enqueue(sampleMessage("k2", { notBefore: "tomorrow" }))).rejects.toThrow(
      /notBefore/,
    );
  });

  it("hides a claimed message until its lease expires, then hands it out again", async () => {
    const { id } = await ctx.store.outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await ctx.store.outbox.claimDue(T0, { limit: 10, leaseMs: 30_000, worker: "dies" });
    expect(await ctx.store.outbox.claimDue(at(29_999), lease("w2"))).toEqual([]);
    const again = await ctx.store.outbox.claimDue(at(30_000), lease("w2"));
    expect(again).toEqual([
      expect.objectContaining({ id, attempts: 2, claimedBy: "w2", leaseUntil: at(90_000), dueAt: T0 }),
    ]);
  });

  it("never gives one message to two claimers racing on two instances", async () => {
    const other = await ctx.another();
    for (let i = 0; i < 40; i++) await ctx.store.outbox.enqueue(sampleMessage(`k${i}`, { notBefore: T0 }));
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? ctx.store : other).outbox.claimDue(T0, lease(`w${i}`, 4)),
      ),
    );
    const ids = claims.flat().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
  });

  it("records a delivery once, with the platform's id, and never hands it out again", async () => {
    const { id } = await ctx.store.outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await claimOne(ctx.store);
    const sentAt = at(1_000);
    expect(await ctx.store.outbox.markSent(id, { platformMessageId: "p-1", at: sentAt })).toBe(true);
    expect(await ctx.store.outbox.markSent(id, { platformMessageId: "p-2", at: at(2_000) })).toBe(false);
    const stored = await ctx.store.outbox.get(id);
    expect(stored).toMatchObject({ status: "sent", platformMessageId: "p-1", sentAt, attempts: 1 });
    expect(stored).not.toHaveProperty("claimedBy");
    expect(stored).not.toHaveProperty("leaseUntil");
    expect(await ctx.store.outbox.claimDue(at(10_000_000), lease())).toEqual([]);
  });

  it("schedules a retry after a failure and counts the attempts", async () => {
    const { id } = await ctx.store.outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await claimOne(ctx.store);
    const retryAt = at(120_000);
    expect(await ctx.store.outbox.markFailed(id, { error: "errcode 45009", retryAt, worker: "w1" })).toBe(
      true,
    );
    expect(await ctx.store.outbox.get(id)).toMatchObject({
      status: "failed",
      dueAt: retryAt,
      lastError: "errcode 45009",
    });
    expect(await ctx.store.outbox.claimDue(at(119_999), lease())).toEqual([]);
    const [retried] = await ctx.store.outbox.claimDue(retryAt, lease());
    expect(retried).toMatchObject({ id, status: "claimed", attempts: 2, notBefore: T0 });
  });

  it("ignores a failure report from a worker whose lease was taken over, or for a message not claimed", async () => {
    const { id } = await ctx.store.outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    expect(await ctx.store.outbox.markFailed(id, { error: "x", retryAt: at(1) })).toBe(false);
    await ctx.store.outbox.claimDue(T0, { limit: 1, leaseMs: 1_000, worker: "slow" });
    await ctx.store.outbox.claimDue(at(1_000), { limit: 1, leaseMs: 60_000, worker: "fast" });
    expect(await ctx.store.outbox.markFailed(id, { error: "late", retryAt: at(5_000), worker: "slow" })).toBe(
      false,
    );
    expect(await ctx.store.outbox.get(id)).toMatchObject({ status: "claimed", claimedBy: "fast" });
  });

  it("dead-letters a message that was not sent, and only such a message", async () => {
    const a = await ctx.store.outbox.enqueue(sampleMessage("a", { notBefore: T0 }));
    const b = await ctx.store.outbox.enqueue(sampleMessage("b", { notBefore: T0 }));
    await ctx.store.outbox.claimDue(T0, lease());
    await ctx.store.outbox.markSent(b.id, { platformMessageId: "p", at: T0 });
    expect(await ctx.store.outbox.markDead(a.id, { error: "invalid recipient" })).toBe(true);
    expect(await ctx.store.outbox.markDead(b.id, { error: "too late" })).toBe(false);
    expect(await ctx.store.outbox.get(a.id)).toMatchObject({
      status: "dead",
      lastError: "invalid recipient",
    });
    expect((await ctx.store.outbox.get(b.id))?.status).toBe("sent");
    expect(await ctx.store.outbox.claimDue(at(10_000_000), lease())).toEqual([]);
  });

  it("says which message it cannot find", async () => {
    await expect(ctx.store.outbox.markSent(404, { platformMessageId: "p", at: T0 })).rejects.toThrow(/404/);
    await expect(ctx.store.outbox.markDead(404, { error: "x" })).rejects.toMatchObject({ code: "not_found" });
    expect(await ctx.store.outbox.get(404)).toBeUndefined();
  });

  it("counts messages per status and lists them by status, oldest first", async () => {
    const { outbox } = ctx.store;
    for (const key of ["a", "b", "c", "d", "e"]) await outbox.enqueue(sampleMessage(key, { notBefore: T0 }));
    const [a, b, c] = await outbox.claimDue(T0, lease("w1", 3));
    await outbox.markSent(a?.id ?? 0, { platformMessageId: "p", at: T0 });
    await outbox.markFailed(b?.id ?? 0, { error: "x", retryAt: at(1_000) });
    expect(await outbox.stats()).toEqual({ pending: 2, claimed: 1, failed: 1, sent: 1, dead: 0 });
    expect((await outbox.list({ status: "pending" })).map((m) => m.idempotencyKey)).toEqual(["d", "e"]);
    expect((await outbox.list({ status: "claimed" })).map((m) => m.id)).toEqual([c?.id]);
    expect((await outbox.list({ limit: 2 })).map((m) => m.idempotencyKey)).toEqual(["a", "b"]);
  });

  it("refuses a claim without a positive limit and lease, and lists nothing for a zero limit", async () => {
    await ctx.store.outbox.enqueue(sampleMessage("k1", { notBefore: T0 }));
    await expect(ctx.store.outbox.claimDue(T0, lease("w1", 0))).rejects.toThrow(/limit/);
    await expect(ctx.store.outbox.claimDue(T0, { limit: 1, leaseMs: 0, worker: "w" })).rejects.toThrow(
      /leaseMs/,
    );
    expect(await ctx.store.outbox.list({ limit: 0 })).toEqual([]);
    expect(await ctx.store.outbox.claimDue(T0, lease())).toHaveLength(1);
  });

  it("keeps the payload as JSON, exactly", async () => {
    const payload = {
      title: "第52项「稳就业」",
      n: [1, 2.5, -0, 1e21],
      nested: { ok: true, none: null },
      emoji: "👍",
    };
    const { id } = await ctx.store.outbox.enqueue(sampleMessage("k1", { payload }));
    expect((await ctx.store.outbox.get(id))?.payload).toEqual(JSON.parse(JSON.stringify(payload)));
  });
}
