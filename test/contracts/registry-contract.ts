import { expect, it } from "vitest";
import type { Task } from "../../src/registry/registry.js";
import { toImportRecord } from "../../src/store/to-import-record.js";
import { sampleImport, sampleReport } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

export function registryContract(ctx: ContractContext): void {
  it("has no registry before the first import", async () => {
    expect(await ctx.store.registry.current()).toBeUndefined();
    expect(await ctx.store.registry.imports()).toEqual([]);
    expect(await ctx.store.registry.assignments()).toEqual([]);
    expect(await ctx.store.registry.task(1)).toBeUndefined();
  });

  it("returns the saved registry, its tasks and its assignments in order", async () => {
    const imp = sampleImport([7, 3]);
    await ctx.store.registry.save(imp);
    expect(await ctx.store.registry.current()).toEqual(imp);
    expect(await ctx.store.registry.task(3)).toEqual(imp.registry.tasks[1]);
    expect(await ctx.store.registry.assignments()).toEqual(imp.assignments);
    expect(await ctx.store.registry.assignments(3)).toEqual([
      { taskNo: 3, unit: "区人力资源和社会保障局", role: "host" },
      { taskNo: 3, unit: "区发展改革局", role: "co" },
    ]);
  });

  it("replaces the current registry on a new import and keeps the history, oldest first", async () => {
    await ctx.store.registry.save(sampleImport([1, 2], "2021-01-21T09:00:00+08:00"));
    const second = sampleImport([2, 52], "2021-02-01T09:00:00+08:00");
    await ctx.store.registry.save(second);
    expect(await ctx.store.registry.current()).toEqual(second);
    expect(await ctx.store.registry.task(1)).toBeUndefined();
    expect(await ctx.store.registry.assignments(1)).toEqual([]);
    const history = await ctx.store.registry.imports();
    expect(history.map((h) => [h.importedAt, h.tasks, h.assignments])).toEqual([
      ["2021-01-21T09:00:00+08:00", 2, 4],
      ["2021-02-01T09:00:00+08:00", 2, 4],
    ]);
    expect(history[1]?.document.docNo).toBe("济兖政发〔2021〕1号");
  });

  it("keeps progress recorded against a task the new registry no longer has", async () => {
    await ctx.store.registry.save(sampleImport([1, 2]));
    await ctx.store.progress.append(sampleReport({ taskNo: 1 }));
    await ctx.store.registry.save(sampleImport([2]));
    expect(await ctx.store.progress.history(1)).toHaveLength(1);
  });

  it("parses the current registry once per change: the same object until the next save", async () => {
    await ctx.store.registry.save(sampleImport([1, 2]));
    const first = await ctx.store.registry.current();
    expect(await ctx.store.registry.current()).toBe(first);
    const second = sampleImport([2, 52], "2021-02-01T09:00:00+08:00");
    await ctx.store.registry.save(second);
    const after = await ctx.store.registry.current();
    expect(after).not.toBe(first);
    expect(after).toEqual(second);
  });

  it("shares a registry no caller can change", async () => {
    await ctx.store.registry.save(sampleImport([1, 2]));
    const current = await ctx.store.registry.current();
    const task = current?.registry.tasks[0];
    expect(() => current?.registry.tasks.push(sampleImport([9]).registry.tasks[0] as Task)).toThrow(
      TypeError,
    );
    expect(() => Object.assign(task ?? {}, { text: "changed" })).toThrow(TypeError);
    expect(await ctx.store.registry.current()).toEqual(sampleImport([1, 2]));
  });

  it("reads an import saved by another instance, not the one it parsed before", async () => {
    const other = await ctx.another();
    await ctx.store.registry.save(sampleImport([1, 2]));
    expect((await other.registry.current())?.registry.tasks.map((t) => t.no)).toEqual([1, 2]);
    const second = sampleImport([2, 52], "2021-02-01T09:00:00+08:00");
    await ctx.store.registry.save(second);
    expect(await other.registry.current()).toEqual(second);
  });

  it("reads a registry restored by another instance, even with as many imports as before", async () => {
    const other = await ctx.another();
    await ctx.store.registry.save(sampleImport([1, 2]));
    expect((await other.registry.current())?.registry.tasks.map((t) => t.no)).toEqual([1, 2]);
    // A backup with one import too: SQLite's history sequence restarts, so its position alone matches.
    const restored = sampleImport([7, 52], "2021-03-01T09:00:00+08:00");
    const dump = await ctx.store.exportAll();
    const backup = { ...dump, registry: { current: restored, imports: [toImportRecord(restored)] } };
    await ctx.store.importAll(backup, { replace: true });
    expect(await other.registry.current()).toEqual(restored);
    expect(await ctx.store.registry.current()).toEqual(restored);
  });

  it("refuses an import whose timestamp has no offset, naming the field", async () => {
    const imp = { ...sampleImport(), importedAt: "2021-01-21 09:00" };
    await expect(ctx.store.registry.save(imp)).rejects.toThrow(/registry\.save.*\n.*importedAt/);
    expect(await ctx.store.registry.current()).toBeUndefined();
  });
}
