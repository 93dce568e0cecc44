import { expect, it } from "vitest";
import { eventually } from "./eventually.js";
import type { ContractContext } from "./store-harness.js";

export function primitivesContract(ctx: ContractContext): void {
  it("lets the first claim of a key win and every later one lose", async () => {
    expect(await ctx.store.claimOnce("evt-1", 60_000)).toBe(true);
    expect(await ctx.store.claimOnce("evt-1", 60_000)).toBe(false);
    expect(await ctx.store.claimOnce("evt-2", 60_000)).toBe(true);
  });

  it("has exactly one winner when instances claim the same key at once", async () => {
    const other = await ctx.another();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : ctx.store).claimOnce("evt-1", 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("lets a key be claimed again once its TTL has passed", async () => {
    expect(await ctx.store.claimOnce("evt-1", 50)).toBe(true);
    expect(await eventually(() => ctx.store.claimOnce("evt-1", 60_000))).toBe(true);
  });

  it("refuses a TTL that is not a positive whole number of milliseconds", async () => {
    await expect(ctx.store.claimOnce("k", 0)).rejects.toThrow(/ttlMs/);
    await expect(ctx.store.acquireLock("k", 1.5)).rejects.toThrow(/ttlMs/);
  });

  it("gives a lock to one holder at a time; only the holder releases it", async () => {
    const other = await ctx.another();
    const token = await ctx.store.acquireLock("sweep", 60_000);
    expect(token).toEqual(expect.any(String));
    expect(await other.acquireLock("sweep", 60_000)).toBeNull();
    expect(await other.releaseLock("sweep", "not-the-token")).toBe(false);
    expect(await other.acquireLock("sweep", 60_000)).toBeNull();
    expect(await ctx.store.releaseLock("sweep", token ?? "")).toBe(true);
    expect(await ctx.store.releaseLock("sweep", token ?? "")).toBe(false);
    const next = await other.acquireLock("sweep", 60_000);
    expect(next).toEqual(expect.any(String));
    expect(next).not.toBe(token);
    expect(await ctx.store.acquireLock("other-job", 60_000)).toEqual(expect.any(String));
  });

  it("has exactly one holder when instances take the same lock at once", async () => {
    const other = await ctx.another();
    const tokens = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : ctx.store).acquireLock("sweep", 60_000)),
    );
    expect(tokens.filter((t) => t !== null)).toHaveLength(1);
  });

  it("frees a lock whose holder never released it once the TTL has passed", async () => {
    const other = await ctx.another();
    const stale = await ctx.store.acquireLock("sweep", 50);
    expect(stale).not.toBeNull();
    const token = await eventually(() => other.acquireLock("sweep", 60_000));
    expect(token).toEqual(expect.any(String));
    expect(await ctx.store.releaseLock("sweep", stale ?? "")).toBe(false);
    expect(await ctx.store.acquireLock("sweep", 60_000)).toBeNull();
  });

  it("answers a ping", async () => {
    await expect(ctx.store.ping()).resolves.toBeUndefined();
  });
}
