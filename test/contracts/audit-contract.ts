import { expect, it } from "vitest";
import { sampleAudit } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

export function auditContract(ctx: ContractContext): void {
  it("numbers entries in the order they were appended and keeps them as given", async () => {
    const entry = sampleAudit({ person: "zhangsan" });
    const first = await ctx.store.audit.append(entry);
    const second = await ctx.store.audit.append(sampleAudit());
    expect(first).toEqual({ ...entry, seq: 1 });
    expect(second.seq).toBe(2);
    expect(await ctx.store.audit.query()).toEqual([first, second]);
  });

  it("answers in time order, whatever the order of appending", async () => {
    const { audit } = ctx.store;
    await audit.append(sampleAudit({ at: "2021-03-22T10:00:00+08:00", action: "b" }));
    await audit.append(sampleAudit({ at: "2021-03-22T01:00:00Z", action: "a" }));
    await audit.append(sampleAudit({ at: "2021-03-22T10:00:00+08:00", action: "c" }));
    expect((await audit.query()).map((e) => e.action)).toEqual(["a", "b", "c"]);
    expect((await audit.query({ order: "desc" })).map((e) => e.action)).toEqual(["c", "b", "a"]);
    expect((await audit.query({ limit: 2 })).map((e) => e.action)).toEqual(["a", "b"]);
    expect((await audit.query({ order: "desc", limit: 1 })).map((e) => e.action)).toEqual(["c"]);
  });

  it("filters by task, unit, person and a time range that includes from and excludes to", async () => {
    const { audit } = ctx.store;
    await audit.append(sampleAudit({ action: "t52", at: "2021-03-01T00:00:00Z" }));
    await audit.append(sampleAudit({ action: "t53", taskNo: 53, at: "2021-03-02T00:00:00Z" }));
    await audit.append(
      sampleAudit({ action: "co", unit: "区发展改革局", person: "lisi", at: "2021-03-03T00:00:00Z" }),
    );
    await audit.append(
      sampleAudit({
        action: "sys",
        taskNo: undefined,
        unit: undefined,
        person: "lisi",
        at: "2021-03-04T00:00:00Z",
      }),
    );
    const actions = async (q: Parameters<typeof audit.query>[0]) =>
      (await audit.query(q)).map((e) => e.action);
    expect(await actions({ taskNo: 52 })).toEqual(["t52", "co"]);
    expect(await actions({ unit: "区发展改革局" })).toEqual(["co"]);
    expect(await actions({ person: "lisi" })).toEqual(["co", "sys"]);
    expect(await actions({ taskNo: 52, person: "lisi" })).toEqual(["co"]);
    expect(await actions({ from: "2021-03-02T00:00:00Z", to: "2021-03-04T00:00:00Z" })).toEqual([
      "t53",
      "co",
    ]);
    expect(await actions({ from: new Date("2021-03-03T08:00:00+08:00") })).toEqual(["co", "sys"]);
    expect(await actions({ person: "lisi", to: "2021-03-04T08:00:00+08:00" })).toEqual(["co"]);
  });
}
