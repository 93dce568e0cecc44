import { expect, it } from "vitest";
import { samplePrompt } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

export function peopleAndPromptsContract(ctx: ContractContext): void {
  it("returns a person's open prompts, oldest first, and never an expired one", async () => {
    const { prompts } = ctx.store;
    await prompts.set("p1", samplePrompt("b", { createdAt: "2021-03-22T10:00:00+08:00" }));
    await prompts.set("p1", samplePrompt("a", { createdAt: "2021-03-22T10:05:00+08:00", taskNo: 53 }));
    await prompts.set("p1", samplePrompt("old", { expiresAt: "2021-03-22T11:00:00+08:00" }));
    await prompts.set("p2", samplePrompt("c"));
    expect((await prompts.active("p1", "2021-03-22T10:30:00+08:00")).map((p) => p.key)).toEqual([
      "b",
      "old",
      "a",
    ]);
    expect((await prompts.active("p1", "2021-03-22T11:00:00+08:00")).map((p) => p.key)).toEqual(["b", "a"]);
    expect(await prompts.active("p1", "2021-03-22T12:00:00+08:00")).toEqual([]);
    expect(await prompts.active("nobody", "2021-03-22T10:30:00+08:00")).toEqual([]);
  });

  it("keeps a prompt as given and replaces it when set again under its key", async () => {
    const prompt = samplePrompt("k", { data: { step: 1, asked: ["日期", "理由"] } });
    await ctx.store.prompts.set("p1", prompt);
    expect(await ctx.store.prompts.active("p1", "2021-03-22T10:30:00+08:00")).toEqual([prompt]);
    await ctx.store.prompts.set("p1", { ...prompt, kind: "extension", data: undefined });
    const [replaced] = await ctx.store.prompts.active("p1", "2021-03-22T10:30:00+08:00");
    expect(replaced).toEqual(samplePrompt("k", { kind: "extension", data: undefined }));
  });

  it("clears one prompt, or all of a person's", async () => {
    const { prompts } = ctx.store;
    const now = "2021-03-22T10:30:00+08:00";
    for (const key of ["a", "b", "c"]) await prompts.set("p1", samplePrompt(key));
    await prompts.set("p2", samplePrompt("a"));
    await prompts.clear("p1", "b");
    expect((await prompts.active("p1", now)).map((p) => p.key)).toEqual(["a", "c"]);
    await prompts.clear("p1");
    expect(await prompts.active("p1", now)).toEqual([]);
    expect(await prompts.active("p2", now)).toHaveLength(1);
  });

  it("keeps per-person settings and replaces them whole", async () => {
    const { people } = ctx.store;
    expect(await people.get("p1")).toBeUndefined();
    await people.put("p1", {
      awayUntil: "2021-03-26",
      substitute: "p2",
      snoozeUntil: "2021-03-23T08:30:00+08:00",
    });
    expect(await people.get("p1")).toEqual({
      awayUntil: "2021-03-26",
      substitute: "p2",
      snoozeUntil: "2021-03-23T08:30:00+08:00",
    });
    await people.put("p1", { snoozeUntil: "2021-03-24T08:30:00+08:00" });
    expect(await people.get("p1")).toEqual({ snoozeUntil: "2021-03-24T08:30:00+08:00" });
    await expect(people.put("p1", { awayUntil: "next week" })).rejects.toThrow(/awayUntil/);
  });

  it("reads everyone's settings at once", async () => {
    const { people } = ctx.store;
    expect(await people.all()).toEqual(new Map());
    await people.put("p1", { awayUntil: "2021-03-26", substitute: "p2" });
    await people.put("p2", { snoozeUntil: "2021-03-23T08:30:00+08:00" });
    await people.put("p1", { snoozeUntil: "2021-03-24T08:30:00+08:00" });
    expect(await people.all()).toEqual(
      new Map([
        ["p1", { snoozeUntil: "2021-03-24T08:30:00+08:00" }],
        ["p2", { snoozeUntil: "2021-03-23T08:30:00+08:00" }],
      ]),
    );
  });
}
