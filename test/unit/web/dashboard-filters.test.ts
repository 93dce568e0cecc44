import { describe, expect, it } from "vitest";
import type { UnitStanding } from "../../../src/commands/office-overview.js";
import { applyFilters, readFilters } from "../../../src/web/dashboard/table-filters.js";
import type { TaskLight, TaskRow } from "../../../src/web/dashboard/task-rows.js";

function row(
  no: number,
  fields: {
    text: string;
    section: string;
    leaders: string[];
    units: string[];
    light: TaskLight;
    overdue?: boolean;
  },
): TaskRow {
  return {
    task: { no, text: fields.text, section: fields.section, leaders: fields.leaders },
    standings: fields.units.map((unit) => ({ unit }) as UnitStanding),
    light: fields.light,
    overdue: fields.overdue ?? false,
  } as unknown as TaskRow;
}

const rows = [
  row(5, {
    text: "城镇新增就业6000人",
    section: "一",
    leaders: ["寇宁"],
    units: ["区人力资源和社会保障局"],
    light: "red",
    overdue: true,
  }),
  row(12, {
    text: "不良贷款率控制在2.5%以内",
    section: "二",
    leaders: ["谭丽娜"],
    units: ["区财政局", "区地方金融监管局"],
    light: "green",
  }),
  row(52, {
    text: "完成农机投资",
    section: "二",
    leaders: ["寇宁", "龚标"],
    units: ["区工业和信息化局"],
    light: "completed",
  }),
];
const short = (unit: string) => ({ 区人力资源和社会保障局: "区人社局" })[unit] ?? unit;
const listed = (query: Record<string, string>) =>
  applyFilters(rows, readFilters(query), short).map((r) => r.task.no);

describe("the table's filters", () => {
  it("reads the query string, leaving out empty and unknown values", () => {
    expect(readFilters({ section: " ", light: "purple", overdue: "yes", q: "" })).toEqual({});
    expect(readFilters({ light: "completed", overdue: "1", leader: ["寇宁", "龚标"] })).toEqual({
      light: "completed",
      overdue: true,
      leader: "寇宁",
    });
  });

  it("narrows by section, leader, unit, light and overdue, all together", () => {
    expect(listed({})).toEqual([5, 12, 52]);
    expect(listed({ section: "二" })).toEqual([12, 52]);
    expect(listed({ leader: "寇宁" })).toEqual([5, 52]);
    expect(listed({ unit: "区财政局" })).toEqual([12]);
    expect(listed({ light: "completed" })).toEqual([52]);
    expect(listed({ overdue: "1" })).toEqual([5]);
    expect(listed({ leader: "寇宁", section: "二" })).toEqual([52]);
    expect(listed({ leader: "寇宁", light: "green" })).toEqual([]);
  });

  it("searches the task's number, its text and its units' full and short names", () => {
    expect(listed({ q: "52" })).toEqual([52]);
    expect(listed({ q: "5" })).toEqual([5, 12]); // task 5, and "2.5%" in 12's text
    expect(listed({ q: "贷款" })).toEqual([12]);
    expect(listed({ q: "区人社局" })).toEqual([5]);
    expect(listed({ q: "金融监管" })).toEqual([12]);
    expect(listed({ q: "不良 金融" })).toEqual([12]);
    expect(listed({ q: "不良 人社" })).toEqual([]);
  });
});
