import { expect, it } from "vitest";
import { sampleAudit, sampleInboxEvent, sampleMessage } from "../fixtures/store/sample-records.js";
import { eventually } from "./eventually.js";
import type { ContractContext } from "./store-harness.js";

/** markProcessed's entries for keys alone (no effects). */
const keys = (...names: string[]) => names.map((key) => ({ key }));
const A = { ttlMs: 60_000, leaseMs: 60_000, worker: "w1" };
const text = sampleInboxEvent;

/** Store, then acknowledge: the inbox holds each event once, until it is processed. */
export function inboxContract(ctx: ContractContext): void {
  it("accepts a key once, repeats included, and keeps the event whole", async () => {
    const accepted = await ctx.store.inbox.accept(
      [
        { key: "wecom:e1", event: text(1) },
        { key: "wecom:e2", event: text(2) },
        { key: "wecom:e1", event: text(1) },
      ],
      A,
    );
    expect(accepted).toEqual([true, true, false]);
    expect(await ctx.store.inbox.accept([{ key: "wecom:e2", event: text(2) }], A)).toEqual([false]);
    expect(await ctx.store.inbox.pendingCount()).toBe(2);
    expect(await ctx.store.inbox.accept([], A)).toEqual([]);
  });

  it("keeps a processed key as seen, and marks only what the worker holds", async () => {
    await ctx.store.inbox.accept([{ key: "k1", event: text(1) }], A);
    expect(await ctx.store.inbox.markProcessed(keys("k1", "unknown"), "w2")).toEqual([false, false]);
    expect(await ctx.store.inbox.markProcessed(keys("k1", "unknown"), "w1")).toEqual([true, false]);
    expect(await ctx.store.inbox.markProcessed(keys("k1"), "w1")).toEqual([false]);
    expect(await ctx.store.inbox.pendingCount()).toBe(0);
    expect(await ctx.store.inbox.accept([{ key: "k1", event: text(1) }], A)).toEqual([false]);
  });

  it("hands an unprocessed entry to another worker only once its lease is over", async () => {
    const other = await ctx.another();
    await ctx.store.inbox.accept([{ key: "k1", event: text(1) }], { ...A, leaseMs: 150 });
    await ctx.store.inbox.accept([{ key: "k2", event: text(2) }], A);
    expect(await other.inbox.claimStale({ limit: 10, leaseMs: 60_000, worker: "w2" })).toEqual([]);
    const taken = await eventually(async () => {
      const rows = await other.inbox.claimStale({ limit: 10, leaseMs: 60_000, worker: "w2" });
      return rows.length > 0 ? rows : undefined;
    });
    expect(taken).toEqual([
      { key: "k1", event: text(1), receivedAt: expect.stringMatching(/Z$/), attempts: 2 },
    ]);
    // The first worker lost it: its late mark does not count; the new holder's does.
    expect(await ctx.store.inbox.markProcessed(keys("k1"), "w1")).toEqual([false]);
    expect(await other.inbox.claimStale({ limit: 10, leaseMs: 60_000, worker: "w3" })).toEqual([]);
    expect(await other.inbox.markProcessed(keys("k1"), "w2")).toEqual([true]);
    expect(await ctx.store.inbox.pendingCount()).toBe(1);
  });

  it("lets exactly one of several instances take over a stale entry", async () => {
    const others = [await ctx.another(), await ctx.another()];
    await ctx.store.inbox.accept([{ key: "k1", event: text(1) }], { ...A, leaseMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const taken = await Promise.all(
      [...others, ctx.store].map((store, i) =>
        store.inbox.claimStale({ limit: 10, leaseMs: 60_000, worker: `w${i + 2}` }),
      ),
    );
    expect(taken.flat()).toHaveLength(1);
  });

  it("takes over at most `limit` entries, oldest first", async () => {
    for (const n of [1, 2, 3])
      await ctx.store.inbox.accept([{ key: `k${n}`, event: text(n) }], { ...A, leaseMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const first = await ctx.store.inbox.claimStale({ limit: 2, leaseMs: 60_000, worker: "w2" });
    expect(first.map((row) => row.key)).toEqual(["k1", "k2"]);
    const rest = await ctx.store.inbox.claimStale({ limit: 2, leaseMs: 60_000, worker: "w2" });
    expect(rest.map((row) => row.key)).toEqual(["k3"]);
  });

  it("forgets a processed key after its dedupe window, never an unprocessed one", async () => {
    await ctx.store.inbox.accept([{ key: "done", event: text(1) }], { ...A, ttlMs: 50 });
    await ctx.store.inbox.accept([{ key: "open", event: text(2) }], { ...A, ttlMs: 50 });
    expect(await ctx.store.inbox.markProcessed(keys("done"), "w1")).toEqual([true]);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await ctx.store.inbox.accept([{ key: "open", event: text(2) }], A)).toEqual([false]);
    expect(
      await eventually(async () => (await ctx.store.inbox.accept([{ key: "done", event: text(1) }], A))[0]),
    ).toBe(true);
  });

  it("writes a handled event's audit entries and messages with its mark, and only for its holder", async () => {
    const other = await ctx.another();
    await ctx.store.inbox.accept([{ key: "k1", event: text(1) }], { ...A, leaseMs: 150 });
    await ctx.store.inbox.accept([{ key: "k2", event: text(2) }], A);
    await ctx.store.outbox.enqueue(sampleMessage("answer/k2/held"));
    const effects = (n: number) => ({
      audit: [sampleAudit({ action: `a${n}`, person: "zhangsan", taskNo: 52 })],
      outbox: [sampleMessage(`answer/k${n}/1`), sampleMessage(`answer/k${n}/held`)],
    });
    // k1's lease runs out and w2 takes it: w1's late effects are not written, w2's are.
    await eventually(async () => {
      const rows = await other.inbox.claimStale({ limit: 10, leaseMs: 60_000, worker: "w2" });
      return rows.length > 0 ? rows : undefined;
    });
    expect(
      await ctx.store.inbox.markProcessed(
        [
          { key: "k1", effects: effects(1) },
          { key: "k2", effects: effects(2) },
          { key: "k3", effects: effects(3) },
        ],
        "w1",
      ),
    ).toEqual([false, true, false]);
    expect(await other.inbox.markProcessed([{ key: "k1", effects: effects(1) }], "w2")).toEqual([true]);
    const audit = await ctx.store.audit.query({});
    expect(audit.map((entry) => entry.action)).toEqual(["a2", "a1"]);
    expect(new Set(audit.map((entry) => entry.seq)).size).toBe(2);
    expect(await ctx.store.audit.query({ person: "zhangsan", taskNo: 52 })).toHaveLength(2);
    const keysQueued = (await ctx.store.outbox.list({})).map((m) => m.idempotencyKey).sort();
    // A key the outbox holds already is left alone, as enqueue leaves it.
    expect(keysQueued).toEqual(["answer/k1/1", "answer/k1/held", "answer/k2/1", "answer/k2/held"]);
    const due = await ctx.store.outbox.claimDue("2100-01-01T00:00:00Z", {
      limit: 10,
      leaseMs: 1000,
      worker: "d",
    });
    expect(due).toHaveLength(4);
  });

  it("accepts new entries and marks handled ones in one call, answering each part in order", async () => {
    await ctx.store.inbox.accept([{ key: "k1", event: text(1) }], A);
    const answer = await ctx.store.inbox.acceptAndMark(
      [
        { key: "k2", event: text(2) },
        { key: "k1", event: text(1) },
      ],
      [{ key: "k1", effects: { audit: [sampleAudit({ action: "a1" })], outbox: [] } }, { key: "k9" }],
      A,
    );
    expect(answer).toEqual({ accepted: [true, false], processed: [true, false] });
    expect(await ctx.store.inbox.pendingCount()).toBe(1);
    expect((await ctx.store.audit.query({})).map((entry) => entry.action)).toEqual(["a1"]);
    await expect(ctx.store.inbox.acceptAndMark([], [], { ...A, ttlMs: 0 })).rejects.toThrow(/ttlMs/);
  });

  it("is working state: not in a dump, and not a record for isEmpty", async () => {
    await ctx.store.inbox.accept([{ key: "k1", event: text(1) }], A);
    expect(await ctx.store.isEmpty()).toBe(true);
    expect(JSON.stringify(await ctx.store.exportAll())).not.toContain("k1");
  });

  it("refuses a window or lease that is not a positive whole number of milliseconds", async () => {
    await expect(ctx.store.inbox.accept([{ key: "k", event: {} }], { ...A, ttlMs: 0 })).rejects.toThrow(
      /ttlMs/,
    );
    await expect(ctx.store.inbox.accept([{ key: "k", event: {} }], { ...A, leaseMs: 1.5 })).rejects.toThrow(
      /leaseMs/,
    );
  });
}
