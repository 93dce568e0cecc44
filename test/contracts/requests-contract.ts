import { expect, it } from "vitest";
import type { Decision } from "../../src/store/workflow-request.js";
import { sampleRequest } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const approve: Decision = {
  decision: "approved",
  decidedBy: "admin1",
  decidedAt: "2021-05-11T09:00:00+08:00",
};
const reject: Decision = {
  decision: "rejected",
  decidedBy: "admin2",
  decidedAt: "2021-05-11T09:00:01+08:00",
  note: "理由不充分",
};

export function requestsContract(ctx: ContractContext): void {
  it("stores a new request as pending", async () => {
    const created = await ctx.store.requests.create(sampleRequest("r1"));
    expect(created).toEqual({ ...sampleRequest("r1"), status: "pending" });
    expect(await ctx.store.requests.get("r1")).toEqual(created);
    expect(await ctx.store.requests.get("nope")).toBeUndefined();
  });

  it("refuses a second request with the same id", async () => {
    await ctx.store.requests.create(sampleRequest("r1"));
    await expect(
      ctx.store.requests.create(sampleRequest("r1", { kind: "completion" })),
    ).rejects.toMatchObject({
      name: "StoreConflictError",
    });
    expect((await ctx.store.requests.get("r1"))?.kind).toBe("extension");
  });

  it("decides a request once; a second decision fails cleanly and shows the first", async () => {
    await ctx.store.requests.create(sampleRequest("r1"));
    const first = await ctx.store.requests.decide("r1", approve);
    expect(first).toEqual({
      decided: true,
      request: { ...sampleRequest("r1"), status: "approved", decision: approve },
    });
    const second = await ctx.store.requests.decide("r1", reject);
    expect(second).toEqual({ decided: false, request: first.request });
    expect(await ctx.store.requests.get("r1")).toEqual(first.request);
  });

  it("lets exactly one of several admins deciding at once win", async () => {
    await ctx.store.requests.create(sampleRequest("r1"));
    const other = await ctx.another();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? ctx.store : other).requests.decide("r1", { ...reject, decidedBy: `admin${i}` }),
      ),
    );
    const winners = results.filter((r) => r.decided);
    expect(winners).toHaveLength(1);
    const stored = await ctx.store.requests.get("r1");
    expect(stored?.decision?.decidedBy).toBe(winners[0]?.request.decision?.decidedBy);
    for (const r of results) expect(r.request).toEqual(stored);
  });

  it("says which request it cannot find", async () => {
    await expect(ctx.store.requests.decide("missing", approve)).rejects.toThrow(/missing/);
  });

  it("lists requests in creation order, filtered by task, unit and status", async () => {
    const { requests } = ctx.store;
    await requests.create(sampleRequest("b", { taskNo: 52 }));
    await requests.create(sampleRequest("a", { taskNo: 53 }));
    await requests.create(sampleRequest("c", { taskNo: 52, unit: "区发展改革局", kind: "completion" }));
    await requests.decide("b", approve);
    expect((await requests.list()).map((r) => r.id)).toEqual(["b", "a", "c"]);
    expect((await requests.list({ taskNo: 52 })).map((r) => r.id)).toEqual(["b", "c"]);
    expect((await requests.list({ unit: "区发展改革局" })).map((r) => r.id)).toEqual(["c"]);
    expect((await requests.list({ status: "pending" })).map((r) => r.id)).toEqual(["a", "c"]);
    expect((await requests.list({ taskNo: 52, status: "approved" })).map((r) => r.id)).toEqual(["b"]);
  });

  it("keeps a reopening beside the approved completion it undoes, both records as written", async () => {
    const { requests } = ctx.store;
    await requests.create(sampleRequest("done", { kind: "completion", newDeadline: undefined }));
    await requests.decide("done", approve);
    const reopening = sampleRequest("again", {
      kind: "reopening",
      requestedBy: "admin1",
      requestedAt: "2021-05-12T09:00:00+08:00",
      newDeadline: undefined,
      reason: "佐证材料不实",
      undoes: "done",
    });
    await requests.create(reopening);
    const decided = await requests.decide("again", { ...approve, decidedAt: "2021-05-12T09:00:00+08:00" });
    expect(decided.request).toMatchObject({ kind: "reopening", undoes: "done", status: "approved" });
    expect(await requests.get("again")).toEqual(decided.request);
    expect(await requests.get("done")).toMatchObject({ status: "approved", decision: approve });
    expect((await requests.list({ status: "approved" })).map((r) => [r.id, r.kind])).toEqual([
      ["done", "completion"],
      ["again", "reopening"],
    ]);
  });
}
