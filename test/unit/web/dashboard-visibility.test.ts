import { describe, expect, it } from "vitest";
import type { UnitStanding } from "../../../src/commands/office-overview.js";
import { canSee, visibleStandings } from "../../../src/web/dashboard/visible-tasks.js";
import type { Viewer } from "../../../src/web/viewer.js";

const viewer = (fields: Partial<Viewer>): Viewer => ({
  personId: "p",
  name: "某人",
  roles: [],
  units: [],
  ...fields,
});
const admin = viewer({ roles: ["admin"] });
const leader = viewer({ roles: ["leader"], leaderName: "寇宁" });
const contact = viewer({ roles: ["contact"], units: ["区财政局"] });
const both = viewer({ roles: ["leader", "contact"], leaderName: "寇宁", units: ["区财政局"] });

/** Task 1 led by 寇宁 with 区卫生健康局; task 2 led by 龚标 with 区财政局 and 区卫生健康局; task 3 neither. */
const standings = [
  { no: 1, leaders: ["寇宁", "孙恒民"], unit: "区卫生健康局" },
  { no: 2, leaders: ["龚标"], unit: "区财政局" },
  { no: 2, leaders: ["龚标"], unit: "区卫生健康局" },
  { no: 3, leaders: [], unit: "区教育局" },
].map((s) => ({ task: { no: s.no, leaders: s.leaders }, unit: s.unit }) as unknown as UnitStanding);

const tasksOf = (v: Viewer) => [...new Set(visibleStandings(v, standings).map((s) => s.task.no))];

describe("what each viewer sees", () => {
  it("an admin sees every task", () => {
    expect(tasksOf(admin)).toEqual([1, 2, 3]);
  });

  it("a leader sees the tasks they lead, whoever else leads them", () => {
    expect(tasksOf(leader)).toEqual([1]);
  });

  it("a contact sees the tasks of their units, with every unit of such a task", () => {
    expect(tasksOf(contact)).toEqual([2]);
    expect(visibleStandings(contact, standings).map((s) => s.unit)).toEqual(["区财政局", "区卫生健康局"]);
  });

  it("roles add up", () => {
    expect(tasksOf(both)).toEqual([1, 2]);
  });

  it("someone with no role sees nothing", () => {
    expect(tasksOf(viewer({}))).toEqual([]);
    expect(canSee(viewer({ units: [] }), { leaders: [] }, [])).toBe(false);
  });
});
