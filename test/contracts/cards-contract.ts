import { expect, it } from "vitest";
import { sampleCard } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const NOW = "2021-03-22T09:00:00+08:00";
const LATER = "2021-03-25T09:00:00+08:00";

export function cardsContract(ctx: ContractContext): void {
  it("finds a card by the platform's id", async () => {
    const card = sampleCard("c1", { requestId: "r1" });
    await ctx.store.cards.put(card);
    expect(await ctx.store.cards.get("c1")).toEqual(card);
    expect(await ctx.store.cards.get("c2")).toBeUndefined();
  });

  it("replaces a card put again under the same id", async () => {
    await ctx.store.cards.put(sampleCard("c1", { responseCode: "old", responseCodeExpiresAt: LATER }));
    await ctx.store.cards.put(sampleCard("c1", { cycle: "2021-04" }));
    expect(await ctx.store.cards.get("c1")).toEqual(sampleCard("c1", { cycle: "2021-04" }));
  });

  it("lists a task's cards by creation time, for a unit and cycle when given", async () => {
    const { cards } = ctx.store;
    await cards.put(sampleCard("z", { createdAt: "2021-03-22T08:00:00+08:00" }));
    await cards.put(sampleCard("a", { createdAt: "2021-03-22T01:00:00Z", cycle: "2021-04" }));
    await cards.put(sampleCard("m", { createdAt: "2021-03-22T08:00:00+08:00", unit: "区发展改革局" }));
    await cards.put(sampleCard("x", { taskNo: 53 }));
    expect((await cards.list({ taskNo: 52 })).map((c) => c.cardId)).toEqual(["m", "z", "a"]);
    expect((await cards.list({ taskNo: 52, unit: "区人力资源和社会保障局" })).map((c) => c.cardId)).toEqual([
      "z",
      "a",
    ]);
    expect((await cards.list({ taskNo: 52, cycle: "2021-04" })).map((c) => c.cardId)).toEqual(["a"]);
  });

  it("hands the update code out once", async () => {
    await ctx.store.cards.put(sampleCard("c1"));
    await ctx.store.cards.setResponseCode("c1", "rc-1", LATER);
    expect(await ctx.store.cards.get("c1")).toMatchObject({
      responseCode: "rc-1",
      responseCodeExpiresAt: LATER,
    });
    expect(await ctx.store.cards.consumeResponseCode("c1", NOW)).toBe("rc-1");
    expect(await ctx.store.cards.consumeResponseCode("c1", NOW)).toBeUndefined();
    expect(await ctx.store.cards.get("c1")).toEqual(sampleCard("c1"));
  });

  it("gives the update code to exactly one of several callers at once", async () => {
    await ctx.store.cards.put(sampleCard("c1", { responseCode: "rc-1", responseCodeExpiresAt: LATER }));
    const other = await ctx.another();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? other : ctx.store).cards.consumeResponseCode("c1", NOW)),
    );
    expect(results.filter((r) => r === "rc-1")).toHaveLength(1);
  });

  it("never hands out an expired update code", async () => {
    await ctx.store.cards.put(sampleCard("c1", { responseCode: "rc-1", responseCodeExpiresAt: NOW }));
    expect(await ctx.store.cards.consumeResponseCode("c1", NOW)).toBeUndefined();
    expect(await ctx.store.cards.consumeResponseCode("unknown", NOW)).toBeUndefined();
  });

  it("refuses an update code for a card it does not know", async () => {
    await expect(ctx.store.cards.setResponseCode("nope", "rc", LATER)).rejects.toMatchObject({
      code: "not_found",
    });
  });
}
