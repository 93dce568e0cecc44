import { expect, it } from "vitest";
import type { ContractContext } from "./store-harness.js";

const T0 = Date.parse("2021-03-22T02:00:00.000Z");
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

export function countersContract(ctx: ContractContext): void {
  it("adds and reads a counter on the caller's clock, and forgets it after its keep-until", async () => {
    const { counters } = ctx.store;
    expect(await counters.read("dingtalk:quota:app:2021-03", at(0))).toBe(0);
    expect(await counters.add("dingtalk:quota:app:2021-03", 1, at(0), at(240))).toBe(1);
    expect(await counters.add("dingtalk:quota:app:2021-03", 19, at(1), at(240))).toBe(20);
    expect(await counters.add("dingtalk:quota:app:2021-03", 0, at(2), at(240))).toBe(20);
    expect(await counters.read("dingtalk:quota:app:2021-03", at(239))).toBe(20);
    // Another key is another counter.
    expect(await counters.add("dingtalk:quota:app:2021-04", 2, at(3), at(900))).toBe(2);
    // Kept until 240 h: at 240 h it is gone, and an add there starts from 0.
    expect(await counters.read("dingtalk:quota:app:2021-03", at(240))).toBe(0);
    expect(await counters.add("dingtalk:quota:app:2021-03", 5, at(241), at(480))).toBe(5);
    expect(await counters.read("dingtalk:quota:app:2021-04", at(241))).toBe(2);
  });

  it("keeps the later keep-until when adds name different ones", async () => {
    const { counters } = ctx.store;
    await counters.add("k", 1, at(0), at(100));
    await counters.add("k", 1, at(1), at(10));
    expect(await counters.read("k", at(50))).toBe(2);
  });

  it("never loses an increment between two handles adding at once", async () => {
    const other = await ctx.another();
    const adds = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? ctx.store : other).counters.add("k", 1, at(0), at(10)),
    );
    const totals = await Promise.all(adds);
    expect(new Set(totals).size).toBe(40);
    expect(await ctx.store.counters.read("k", at(1))).toBe(40);
  });

  it("refuses an empty key and an increment that is not a whole number ≥ 0, naming it", async () => {
    const { counters } = ctx.store;
    await expect(counters.add("", 1, at(0), at(1))).rejects.toThrow(/key is empty/);
    await expect(counters.add("k", -1, at(0), at(1))).rejects.toThrow(
      /k: the increment must be a whole number ≥ 0, got -1/,
    );
    await expect(counters.add("k", 1.5, at(0), at(1))).rejects.toThrow(/got 1\.5/);
  });

  it("is working state: a store holding only counters is empty and exports nothing of them", async () => {
    await ctx.store.counters.add("k", 3, at(0), at(10));
    expect(await ctx.store.isEmpty()).toBe(true);
    expect(JSON.stringify(await ctx.store.exportAll())).not.toContain('"k"');
  });
}
