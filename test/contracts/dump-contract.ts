import { expect, it } from "vitest";
import { serializeDump } from "../../src/store/serialize-dump.js";
import { fillStore } from "../fixtures/store/fill-store.js";
import { emptyDump, sampleAudit, sampleMessage, sampleReport } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

export function dumpContract(ctx: ContractContext): void {
  it("exports an empty store as an empty dump", async () => {
    expect(await ctx.store.isEmpty()).toBe(true);
    expect(await ctx.store.exportAll()).toEqual(emptyDump());
  });

  it("does not count claims and locks as data", async () => {
    await ctx.store.claimOnce("evt", 60_000);
    await ctx.store.acquireLock("job", 60_000);
    expect(await ctx.store.isEmpty()).toBe(true);
  });

  it("exports every record, and loads the export back into the same content", async () => {
    await fillStore(ctx.store);
    expect(await ctx.store.isEmpty()).toBe(false);
    const dump = await ctx.store.exportAll();
    expect(dump.registry.imports).toHaveLength(2);
    expect(dump.progress.map((r) => [r.taskNo, r.cycle, r.version])).toEqual([
      [3, "2021-02", 1],
      [52, "2021-03", 1],
      [52, "2021-03", 2],
      [52, "2021-03", 1],
      [52, "2021-04", 1],
    ]);
    expect(dump.outbox.map((m) => m.status)).toEqual(["sent", "failed", "dead", "claimed", "pending"]);
    const text = serializeDump(dump);

    await ctx.store.importAll(dump, { replace: true });
    expect(serializeDump(await ctx.store.exportAll())).toBe(text);
  });

  it("refuses to load into a store that holds data, unless told to replace it", async () => {
    await fillStore(ctx.store);
    const dump = await ctx.store.exportAll();
    await ctx.store.progress.append(sampleReport({ taskNo: 99 }));
    await expect(ctx.store.importAll(dump)).rejects.toMatchObject({ name: "StoreConflictError" });
    expect(await ctx.store.progress.history(99)).toHaveLength(1);
    await ctx.store.importAll(dump, { replace: true });
    expect(await ctx.store.progress.history(99)).toEqual([]);
    expect(await ctx.store.claimOnce("inbound:evt-1", 60_000)).toBe(true);
  });

  it("continues ids, seqs and versions after the loaded records", async () => {
    await fillStore(ctx.store);
    const dump = await ctx.store.exportAll();
    await ctx.store.importAll(
      { ...dump, outbox: dump.outbox.slice(0, 2), audit: dump.audit.slice(0, 1) },
      { replace: true },
    );
    const maxId = Math.max(...dump.outbox.slice(0, 2).map((m) => m.id));
    expect((await ctx.store.outbox.enqueue(sampleMessage("new"))).id).toBe(maxId + 1);
    expect((await ctx.store.audit.append(sampleAudit())).seq).toBe(2);
    const next = await ctx.store.progress.append(sampleReport({ cycle: "2021-03" }));
    expect(next.version).toBe(3);
    expect((await ctx.store.outbox.enqueue(sampleMessage("m1"))).created).toBe(false);
  });
}
