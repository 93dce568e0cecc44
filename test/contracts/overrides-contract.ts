import { expect, it } from "vitest";
import { type OfficeOverride, overrideKey } from "../../src/store/office-override.js";
import type { ContractContext } from "./store-harness.js";

const closed: OfficeOverride = {
  kind: "calendar-day",
  date: "2026-12-31",
  working: false,
  note: "区里统一安排",
  setBy: "wecom:admin1",
  setAt: "2026-12-01T09:00:00+08:00",
};
const mutedUnit: OfficeOverride = {
  kind: "mute-unit",
  unit: "区人力资源和社会保障局",
  setBy: "wecom:admin1",
  setAt: "2026-12-01T09:05:00+08:00",
};
const mutedTask: OfficeOverride = {
  kind: "mute-task",
  taskNo: 52,
  setBy: "wecom:admin2",
  setAt: "2026-12-01T10:00:00+08:00",
};

export function overridesContract(ctx: ContractContext): void {
  it("keeps the office's overrides as given, listed by key, one per date, unit or task", async () => {
    const { overrides } = ctx.store;
    expect(await overrides.list()).toEqual([]);
    await overrides.put(mutedTask);
    await overrides.put(closed);
    await overrides.put(mutedUnit);
    expect((await overrides.list()).map(overrideKey)).toEqual([
      "calendar-day/2026-12-31",
      "mute-task/52",
      "mute-unit/区人力资源和社会保障局",
    ]);
    expect(await overrides.list()).toContainEqual(closed);
    // The same date again replaces the first: 休 becomes 班.
    const open = { ...closed, working: true, note: undefined, setBy: "wecom:admin2" };
    await overrides.put(open);
    const days = (await overrides.list()).filter((o) => o.kind === "calendar-day");
    expect(days).toEqual([
      { kind: "calendar-day", date: "2026-12-31", working: true, setBy: "wecom:admin2", setAt: closed.setAt },
    ]);
    // Another handle on the same data sees it.
    expect(await (await ctx.another()).overrides.list()).toHaveLength(3);
  });

  it("removes an override by its key, once", async () => {
    const { overrides } = ctx.store;
    await overrides.put(mutedUnit);
    await overrides.put(mutedTask);
    expect(await overrides.remove("mute-unit/区人力资源和社会保障局")).toBe(true);
    expect(await overrides.remove("mute-unit/区人力资源和社会保障局")).toBe(false);
    expect(await overrides.remove("mute-task/99")).toBe(false);
    expect(await overrides.list()).toEqual([mutedTask]);
  });

  it("refuses an override that is not one", async () => {
    const bad = { ...closed, date: "2026年12月31日" };
    await expect(ctx.store.overrides.put(bad)).rejects.toThrow(/overrides\.put: invalid record/);
    await expect(
      ctx.store.overrides.put({ kind: "mute-task", taskNo: 0, setBy: "x", setAt: closed.setAt }),
    ).rejects.toThrow(/overrides\.put/);
    expect(await ctx.store.overrides.list()).toEqual([]);
  });

  it("counts as data: a store holding only an override is not empty", async () => {
    await ctx.store.overrides.put(mutedTask);
    expect(await ctx.store.isEmpty()).toBe(false);
  });
}
