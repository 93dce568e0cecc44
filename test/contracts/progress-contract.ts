import { expect, it } from "vitest";
import { sampleReport } from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const HOST = "区人力资源和社会保障局";
const CO = "区发展改革局";

export function progressContract(ctx: ContractContext): void {
  it("numbers versions 1, 2, … per task, unit and cycle", async () => {
    const { progress } = ctx.store;
    const versions = [
      (await progress.append(sampleReport({ cycle: "2021-03" }))).version,
      (await progress.append(sampleReport({ cycle: "2021-03" }))).version,
      (await progress.append(sampleReport({ cycle: "2021-04" }))).version,
      (await progress.append(sampleReport({ cycle: "2021-03", unit: CO }))).version,
      (await progress.append(sampleReport({ cycle: "2021-03", taskNo: 53 }))).version,
      (await progress.append(sampleReport({ cycle: "2021-03" }))).version,
    ];
    expect(versions).toEqual([1, 2, 1, 1, 1, 3]);
  });

  it("returns the stored report with its version and every field as given", async () => {
    const report = sampleReport({ percent: undefined, values: [], status: "difficulty" });
    const stored = await ctx.store.progress.append(report);
    expect(stored).toEqual({ ...report, version: 1 });
    expect(stored).not.toHaveProperty("percent");
    expect(await ctx.store.progress.history(52)).toEqual([stored]);
  });

  it("keeps 代报 (proxy) on the report, and leaves it off the unit's own", async () => {
    const stored = await ctx.store.progress.append(
      sampleReport({ reportedBy: "wecom:demo.admin1", proxy: true }),
    );
    expect(stored).toMatchObject({ proxy: true, reportedBy: "wecom:demo.admin1" });
    const own = await ctx.store.progress.append(sampleReport({}));
    expect(own).not.toHaveProperty("proxy");
    expect((await ctx.store.progress.history(52)).map((r) => r.proxy)).toEqual([true, undefined]);
  });

  it("lists a task's history oldest first, for all units or one", async () => {
    const { progress } = ctx.store;
    await progress.append(sampleReport({ unit: HOST, note: "a" }));
    await progress.append(sampleReport({ unit: CO, note: "b" }));
    await progress.append(sampleReport({ unit: HOST, note: "c" }));
    await progress.append(sampleReport({ taskNo: 9, note: "other task" }));
    expect((await progress.history(52)).map((r) => r.note)).toEqual(["a", "b", "c"]);
    expect((await progress.history(52, HOST)).map((r) => [r.note, r.version])).toEqual([
      ["a", 1],
      ["c", 2],
    ]);
    expect(await progress.history(99)).toEqual([]);
  });

  it("gives the latest report of a unit, overall or in one cycle", async () => {
    const { progress } = ctx.store;
    expect(await progress.latest(52, HOST)).toBeUndefined();
    await progress.append(sampleReport({ cycle: "2021-03", note: "march v1" }));
    await progress.append(sampleReport({ cycle: "2021-03", note: "march v2" }));
    await progress.append(sampleReport({ cycle: "2021-04", note: "april" }));
    // A late correction for March is still the most recent report overall.
    await progress.append(sampleReport({ cycle: "2021-03", note: "march v3" }));
    expect((await progress.latest(52, HOST))?.note).toBe("march v3");
    expect((await progress.latest(52, HOST, "2021-04"))?.note).toBe("april");
    expect(await progress.latest(52, HOST, "2021-05")).toBeUndefined();
    expect(await progress.latest(52, CO)).toBeUndefined();
  });

  it("gives each unit's latest report on a task, ordered by unit name", async () => {
    const { progress } = ctx.store;
    await progress.append(sampleReport({ unit: HOST, note: "h1" }));
    await progress.append(sampleReport({ unit: CO, note: "c1" }));
    await progress.append(sampleReport({ unit: "各镇街", note: "t1" }));
    await progress.append(sampleReport({ unit: HOST, note: "h2" }));
    const latest = await progress.latestPerUnit(52);
    const notes: Record<string, string> = { [HOST]: "h2", [CO]: "c1", 各镇街: "t1" };
    const byUnitName = Object.keys(notes).sort();
    expect(latest.map((r) => [r.unit, r.note])).toEqual(byUnitName.map((unit) => [unit, notes[unit]]));
    expect(await progress.latestPerUnit(1)).toEqual([]);
  });

  it("gives each unit's latest report on every task in one read, by task then unit name", async () => {
    const { progress } = ctx.store;
    expect(await progress.latestOfEveryUnit()).toEqual([]);
    await progress.append(sampleReport({ taskNo: 53, unit: HOST, note: "53 h1" }));
    await progress.append(sampleReport({ unit: HOST, note: "h1" }));
    await progress.append(sampleReport({ unit: CO, note: "c1" }));
    await progress.append(sampleReport({ taskNo: 7, unit: CO, note: "7 c1" }));
    await progress.append(sampleReport({ unit: HOST, note: "h2" }));
    const all = await progress.latestOfEveryUnit();
    const [first, second] = [HOST, CO].sort();
    const notes52: Record<string, string> = { [HOST]: "h2", [CO]: "c1" };
    expect(all.map((r) => [r.taskNo, r.unit, r.note])).toEqual([
      [7, CO, "7 c1"],
      [52, first, notes52[first as string]],
      [52, second, notes52[second as string]],
      [53, HOST, "53 h1"],
    ]);
    // The same as asking task by task.
    for (const taskNo of [7, 52, 53])
      expect(all.filter((r) => r.taskNo === taskNo)).toEqual(await progress.latestPerUnit(taskNo));
  });

  it("follows, in the latest records and the history, what was appended after a read, by another instance too, and a restore that replaced it", async () => {
    const { progress } = ctx.store;
    await progress.append(sampleReport({ unit: HOST, note: "h1" }));
    const before = await ctx.store.exportAll();
    expect((await progress.latestOfEveryUnit()).map((r) => r.note)).toEqual(["h1"]);
    const other = await ctx.another();
    await other.progress.append(sampleReport({ unit: HOST, note: "h2" }));
    await other.progress.append(sampleReport({ unit: CO, note: "c1" }));
    const notes = async () => (await progress.latestOfEveryUnit()).map((r) => `${r.unit} ${r.note}`).sort();
    expect(await notes()).toEqual([`${CO} c1`, `${HOST} h2`].sort());
    expect((await progress.history(52)).map((r) => r.note)).toEqual(["h1", "h2", "c1"]);
    // A restore by the other instance: three rows again, the last under the same id as before.
    await other.importAll(
      {
        ...before,
        progress: [
          sampleReport({ unit: CO, note: "c0" }),
          sampleReport({ unit: HOST, note: "h0" }),
          ...before.progress,
        ].map((r, i) => ({
          ...r,
          version: i + 1,
        })),
      },
      { replace: true },
    );
    expect(await notes()).toEqual([`${CO} c0`, `${HOST} h1`].sort());
    expect((await progress.history(52)).map((r) => r.note)).toEqual(["c0", "h0", "h1"]);
    expect((await progress.history(52, HOST)).map((r) => r.note)).toEqual(["h0", "h1"]);
  });

  it("never skips or repeats a version when two instances append at the same time", async () => {
    const other = await ctx.another();
    const writes = Array.from({ length: 30 }, (_, i) =>
      (i % 2 === 0 ? ctx.store : other).progress.append(sampleReport({ note: `n${i}` })),
    );
    const versions = (await Promise.all(writes)).map((r) => r.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await ctx.store.progress.history(52)).map((r) => r.version)).toEqual(versions);
  });

  it("refuses an invalid report and says which field is wrong", async () => {
    await expect(ctx.store.progress.append(sampleReport({ percent: 120 }))).rejects.toThrow(/percent/);
    await expect(ctx.store.progress.append(sampleReport({ reportedAt: "2021-03-22" }))).rejects.toThrow(
      /reportedAt/,
    );
    expect(await ctx.store.progress.history(52)).toEqual([]);
  });
}
