import { expect, it } from "vitest";
import type { ContractContext } from "./store-harness.js";

const SINCE = "2021-03-22T01:00:00.000Z";
const LATER = "2021-03-22T01:10:00.000Z";

export function outagesContract(ctx: ContractContext): void {
  it("opens one outage per channel; a second open sees the first", async () => {
    const { outages } = ctx.store;
    expect(await outages.get("wecom")).toBeUndefined();
    const first = await outages.open({ channel: "wecom", since: SINCE, detail: "系统繁忙（-1）" });
    expect(first).toEqual({ channel: "wecom", since: SINCE, detail: "系统繁忙（-1）" });
    const other = await ctx.another();
    expect(await other.outages.open({ channel: "wecom", since: LATER, detail: "HTTP 503" })).toEqual(first);
    expect(await other.outages.get("local")).toBeUndefined();
  });

  it("records the notice once, and only for the current outage", async () => {
    const { outages } = ctx.store;
    await outages.open({ channel: "wecom", since: SINCE, detail: "d" });
    const other = await ctx.another();
    expect(await outages.markNoticed("wecom", LATER, LATER)).toBe(false);
    expect(await outages.markNoticed("wecom", SINCE, LATER)).toBe(true);
    expect(await other.outages.markNoticed("wecom", SINCE, LATER)).toBe(false);
    expect(await other.outages.get("wecom")).toEqual({
      channel: "wecom",
      since: SINCE,
      detail: "d",
      noticedAt: LATER,
    });
  });

  it("closes an outage for exactly one caller; the next failure opens a new one", async () => {
    const { outages } = ctx.store;
    await outages.open({ channel: "wecom", since: SINCE, detail: "d" });
    await outages.markNoticed("wecom", SINCE, LATER);
    const other = await ctx.another();
    const closes = await Promise.all([outages.close("wecom"), other.outages.close("wecom")]);
    expect(closes.filter((c) => c !== undefined)).toEqual([
      { channel: "wecom", since: SINCE, detail: "d", noticedAt: LATER },
    ]);
    expect(await outages.get("wecom")).toBeUndefined();
    expect(await outages.open({ channel: "wecom", since: LATER, detail: "e" })).toEqual({
      channel: "wecom",
      since: LATER,
      detail: "e",
    });
  });

  it("is working state: not in the dump, erased by a replacing restore", async () => {
    const { store } = ctx;
    await store.outages.open({ channel: "wecom", since: SINCE, detail: "d" });
    expect(await store.isEmpty()).toBe(true);
    const dump = await store.exportAll();
    await store.importAll(dump, { replace: true });
    expect(await store.outages.get("wecom")).toBeUndefined();
  });
}
