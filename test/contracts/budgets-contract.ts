import { expect, it } from "vitest";
import type { ContractContext } from "./store-harness.js";

const T0 = Date.parse("2021-03-22T02:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const minute = (limit: number, key = "wecom:member-per-minute:c1") => ({ key, limit, windowMs: 60_000 });
const hour = (limit: number, key = "wecom:member-per-hour:c1") => ({ key, limit, windowMs: 3_600_000 });

export function budgetsContract(ctx: ContractContext): void {
  it("gives `limit` slots per window and says when the oldest leaves it", async () => {
    const { budgets } = ctx.store;
    expect(await budgets.take([minute(2)], at(0))).toEqual({ ok: true });
    expect(await budgets.take([minute(2)], at(10))).toEqual({ ok: true });
    expect(await budgets.take([minute(2)], at(59))).toEqual({
      ok: false,
      retryAt: at(60),
      key: "wecom:member-per-minute:c1",
    });
    // The window slides: it is (now − 60 s, now], so at 60 s the slot taken at 0 s has left it.
    expect(await budgets.take([minute(2)], at(60))).toEqual({ ok: true });
    expect(await budgets.take([minute(2)], at(65))).toMatchObject({ ok: false, retryAt: at(70) });
    expect(await budgets.take([minute(2)], at(70))).toEqual({ ok: true });
    expect(await budgets.take([minute(2)], at(71))).toMatchObject({ ok: false, retryAt: at(120) });
  });

  it("takes every entry or none, and names the one that frees up last", async () => {
    const { budgets } = ctx.store;
    expect(await budgets.take([minute(1), hour(3)], at(0))).toEqual({ ok: true });
    // The minute is full: nothing is taken, so the hour still has two slots.
    expect(await budgets.take([minute(1), hour(3)], at(30))).toMatchObject({ ok: false, retryAt: at(60) });
    expect(await budgets.take([hour(3)], at(31))).toEqual({ ok: true });
    expect(await budgets.take([hour(3)], at(32))).toEqual({ ok: true });
    // Both full: the minute frees a slot at 60 s, the hour at 3600 s; only then can both be taken.
    expect(await budgets.take([minute(1), hour(3)], at(40))).toEqual({
      ok: false,
      retryAt: at(3_600),
      key: hour(3).key,
    });
    expect(await budgets.take([minute(1)], at(60))).toEqual({ ok: true });
    expect(await budgets.take([minute(1), hour(3)], at(61))).toMatchObject({ retryAt: at(3_600) });
    expect(await budgets.take([hour(3)], at(3_600))).toEqual({ ok: true });
  });

  it("keeps keys apart, and treats slots taken in the same millisecond as separate", async () => {
    const { budgets } = ctx.store;
    for (let i = 0; i < 3; i++) expect(await budgets.take([minute(3, "a")], at(0))).toEqual({ ok: true });
    expect((await budgets.take([minute(3, "a")], at(0))).ok).toBe(false);
    expect(await budgets.take([minute(3, "b")], at(0))).toEqual({ ok: true });
  });

  it("shares one budget between instances taking at the same moment", async () => {
    const other = await ctx.another();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? other : ctx.store).budgets.take([minute(7)], at(0))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(7);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 13 }, () => ({ ok: false, retryAt: at(60), key: minute(7).key })),
    );
  });

  it("accepts now as a Date or an ISO string with offset; takes no entries as ok", async () => {
    const { budgets } = ctx.store;
    expect(await budgets.take([minute(1)], new Date(T0))).toEqual({ ok: true });
    expect(await budgets.take([minute(1)], "2021-03-22T10:00:30+08:00")).toMatchObject({ retryAt: at(60) });
    expect(await budgets.take([], at(0))).toEqual({ ok: true });
    await expect(budgets.take([minute(1)], "2021-03-22T10:00:30")).rejects.toThrow(/offset/);
  });

  it("refuses an entry without a key, a whole limit and window, or given twice", async () => {
    const { budgets } = ctx.store;
    await expect(budgets.take([minute(0)], at(0))).rejects.toThrow(/limit/);
    await expect(budgets.take([{ ...minute(1), windowMs: 1.5 }], at(0))).rejects.toThrow(/windowMs/);
    await expect(budgets.take([minute(1, "")], at(0))).rejects.toThrow(/key/);
    await expect(budgets.take([minute(1), hour(1, minute(1).key)], at(0))).rejects.toThrow(/twice/);
    expect(await budgets.take([minute(1)], at(0))).toEqual({ ok: true });
  });

  it("keeps budget slots out of the dump, and erases them with a replacing import", async () => {
    await ctx.store.budgets.take([minute(1)], at(0));
    expect(await ctx.store.isEmpty()).toBe(true);
    const dump = await ctx.store.exportAll();
    await ctx.store.importAll(dump, { replace: true });
    expect(await ctx.store.budgets.take([minute(1)], at(1))).toEqual({ ok: true });
  });
}
