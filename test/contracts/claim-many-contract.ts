import { expect, it } from "vitest";
import { eventually } from "./eventually.js";
import type { ContractContext } from "./store-harness.js";

/** claimMany is claimOnce for many keys at once: every answer must be the one claimOnce would give. */
export function claimManyContract(ctx: ContractContext): void {
  it("answers each key in order, as claimOnce would", async () => {
    expect(await ctx.store.claimOnce("b", 60_000)).toBe(true);
    expect(await ctx.store.claimMany(["a", "b", "c"], 60_000)).toEqual([true, false, true]);
    expect(await ctx.store.claimMany(["c", "d", "a"], 60_000)).toEqual([false, true, false]);
  });

  it("gives a key repeated within one call to its first occurrence only", async () => {
    expect(await ctx.store.claimMany(["a", "a", "b", "a", "b"], 60_000)).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it("shares its claims with claimOnce, on every instance", async () => {
    const other = await ctx.another();
    expect(await ctx.store.claimMany(["x", "y"], 60_000)).toEqual([true, true]);
    expect(await ctx.store.claimOnce("x", 60_000)).toBe(false);
    expect(await other.claimOnce("y", 60_000)).toBe(false);
    expect(await other.claimOnce("z", 60_000)).toBe(true);
    expect(await ctx.store.claimMany(["z", "w"], 60_000)).toEqual([false, true]);
  });

  it("has exactly one winner per key when instances claim overlapping keys at once", async () => {
    const other = await ctx.another();
    const keys = ["k1", "k2", "k3", "k4"];
    // Some calls take the keys in reverse: whichever call wins a key, no other may win it too.
    const orders = Array.from({ length: 6 }, (_, i) => (i % 3 ? keys : [...keys].reverse()));
    const results = await Promise.all(
      orders.map((order, i) => (i % 2 ? other : ctx.store).claimMany(order, 60_000)),
    );
    const winners = keys.map(
      (key) => results.filter((claimed, i) => claimed[orders[i]?.indexOf(key) ?? -1]).length,
    );
    expect(winners).toEqual([1, 1, 1, 1]);
  });

  it("lets its keys be claimed again once their TTL has passed", async () => {
    expect(await ctx.store.claimMany(["a", "b"], 50)).toEqual([true, true]);
    expect(await ctx.store.claimMany(["long"], 60_000)).toEqual([true]);
    expect(await eventually(async () => (await ctx.store.claimMany(["a"], 60_000))[0])).toBe(true);
    expect(await eventually(() => ctx.store.claimOnce("b", 60_000))).toBe(true);
    expect(await ctx.store.claimMany(["a", "b", "long"], 60_000)).toEqual([false, false, false]);
  });

  it("answers no keys with none, and refuses claimOnce's bad TTLs without claiming", async () => {
    expect(await ctx.store.claimMany([], 60_000)).toEqual([]);
    await expect(ctx.store.claimMany([], 0)).rejects.toThrow(/ttlMs/);
    await expect(ctx.store.claimMany(["k"], 1.5)).rejects.toThrow(/ttlMs/);
    await expect(ctx.store.claimMany(["k"], -1)).rejects.toThrow(/ttlMs/);
    expect(await ctx.store.claimOnce("k", 60_000)).toBe(true);
  });
}
