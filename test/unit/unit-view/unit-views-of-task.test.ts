import { afterAll, describe, expect, it } from "vitest";
import { assignmentsByTask } from "../../../src/registry/assignments-by-task.js";
import { assignmentsFor } from "../../../src/registry/assignments-for.js";
import type { Store } from "../../../src/store/store.js";
import { groupTaskRecords, unitViewOf } from "../../../src/unit-view/load-unit-view.js";
import { unitViewsOfTask } from "../../../src/unit-view/unit-views-of-task.js";
import { demoDirectory, openSeededStore } from "../../helpers/seed-world.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const HR = "区人力资源和社会保障局";
const dir = makeTempDir("duban-task-views");
afterAll(() => dir.remove());

describe("a task's unit views, kept while its records are what they were", () => {
  it("hands out the same views for the same records, and new ones after each change", async () => {
    const store = await openSeededStore(dir.path, "v.sqlite");
    const registry = (await store.registry.current())?.registry;
    const task = registry?.tasks.find((t) => t.no === 52);
    if (!registry || !task) throw new Error("the seed has no task 52");
    const assignments = assignmentsByTask(assignmentsFor(registry, demoDirectory)).get(52) ?? [];
    const units = assignments.map((a) => a.unit);
    expect(units).toContain(HR);
    const read = async () =>
      unitViewsOfTask(
        task,
        await store.progress.history(52),
        await store.requests.list({ taskNo: 52 }),
        assignments,
      );
    // What unitViewOf makes from the same records, for every unit.
    const fresh = async (unit: string) =>
      unitViewOf(
        groupTaskRecords(await store.progress.history(52), await store.requests.list({ taskNo: 52 })),
        task,
        unit,
        assignments,
      );

    const first = await read();
    const before = first(HR);
    expect(before).toEqual(await fresh(HR));
    expect((await read())(HR)).toBe(before);

    await appendReport(store, "2021-03", 4200);
    const afterReport = (await read())(HR);
    expect(afterReport).not.toBe(before);
    expect(afterReport).toEqual(await fresh(HR));
    expect(afterReport.actuals.get(0)?.value).toBe(4200);
    expect((await read())(HR)).toBe(afterReport);

    await store.requests.create({
      id: "e52",
      kind: "extension",
      taskNo: 52,
      unit: HR,
      requestedBy: "wecom:demo.u06.contact",
      requestedAt: "2021-03-24T03:00:00.000Z",
      newDeadline: "2022-03-31",
    });
    const afterRequest = (await read())(HR);
    expect(afterRequest).not.toBe(afterReport);
    expect(afterRequest.requests).toHaveLength(1);
    await store.requests.decide("e52", {
      decision: "approved",
      decidedBy: "wecom:demo.admin1",
      decidedAt: "2021-03-24T04:00:00.000Z",
    });
    const afterDecision = (await read())(HR);
    expect(afterDecision).not.toBe(afterRequest);
    expect(afterDecision.deadline).toBe("2022-03-31");
    expect(afterDecision).toEqual(await fresh(HR));

    // Other assignments (an edited directory): made afresh.
    const edited = assignments.map((a) => ({ ...a }));
    const other = unitViewsOfTask(
      task,
      await store.progress.history(52),
      await store.requests.list({ taskNo: 52 }),
      edited,
    );
    expect(other(HR)).not.toBe(afterDecision);
    expect(other(HR)).toEqual(afterDecision);
    await store.close();
  });
});

function appendReport(store: Store, cycle: string, value: number) {
  return store.progress.append({
    taskNo: 52,
    unit: HR,
    cycle,
    reportedBy: "wecom:demo.u06.contact",
    reportedAt: "2021-03-24T02:00:00.000Z",
    status: "on-track",
    values: [{ indicator: 0, value, unit: "人" }],
    note: "",
    source: "text",
  });
}
