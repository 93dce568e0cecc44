import { afterAll, describe, expect, it } from "vitest";
import type { UnitStanding } from "../../../src/commands/office-overview.js";
import { assessUnit } from "../../../src/lights/assess-unit.js";
import { loadOverview } from "../../../src/reports/ledger/load-overview.js";
import { openSeededStore, seedLedgerSources } from "../../helpers/seed-world.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const dir = makeTempDir("duban-overview-lights");
afterAll(() => dir.remove());

describe("the office overview's lights", () => {
  it("are each unit's own light, shared only between units that have neither reported nor asked anything", async () => {
    const store = await openSeededStore(dir.path, "o.sqlite");
    const sources = seedLedgerSources(store);
    // Task 4: host 区教育和体育局, co-units 各镇街. One town reports, late for March.
    const coUnits = (await loadOverview(sources, "2021-04-20"))?.standings.filter(
      (s) => s.task.no === 4 && s.role === "co",
    );
    const town = coUnits?.[0]?.unit as string;
    await store.progress.append({
      taskNo: 4,
      unit: town,
      cycle: "2021-03",
      reportedBy: "wecom:demo.admin1",
      reportedAt: "2021-03-30T02:00:00.000Z",
      status: "difficulty",
      values: [],
      note: "场地不足",
      source: "text",
    });
    const overview = await loadOverview(sources, "2021-04-20");
    if (!overview) throw new Error("no overview");
    const registry = (await store.registry.current())?.registry;
    const context = { date: overview.date, start: registry?.document.issuedOn as string, year: 2021 };
    // Every light is what assessUnit gives the unit's view on its own.
    for (const s of overview.standings)
      expect(s.light, `${s.task.no} ${s.unit}`).toEqual(assessUnit(s.view, context, sources));

    const ofTask4 = overview.standings.filter((s) => s.task.no === 4 && s.role === "co");
    const reported = ofTask4.find((s) => s.unit === town) as UnitStanding;
    const silent = ofTask4.filter((s) => s.unit !== town);
    expect(silent.length).toBeGreaterThan(5);
    for (const s of silent) expect(s.light).toBe(silent[0]?.light);
    expect(reported.light).not.toBe(silent[0]?.light);
    expect(reported.light.reasons.join()).toContain("场地不足");
    expect(silent[0]?.light.color).toBe("red");
    await store.close();
  });
});
