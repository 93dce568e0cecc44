import { describe, expect, it } from "vitest";
import { lightSettingsSchema } from "../../../src/config/light-settings.js";
import { computeLight } from "../../../src/lights/compute-light.js";
import type { LightInput } from "../../../src/lights/light.js";

const SETTINGS = lightSettingsSchema.parse({});

/** A host unit on 30 March 2021 whose March report (due the 25th) came on time. */
const onTime: LightInput = {
  date: "2021-03-30",
  role: "host",
  deadline: "2021-12-31",
  completed: false,
  completionPending: false,
  lastDue: { cycle: "2021-03", due: "2021-03-25", reportedOn: "2021-03-24" },
  overdueDays: 3,
  pastDeadlineDays: 0,
  measures: [],
  exceeded: [],
  pace: 22,
};
const unreported = { lastDue: { cycle: "2021-03", due: "2021-03-25" } };

describe("computeLight", () => {
  it.each<[string, Partial<LightInput>, string]>([
    ["on time, nothing behind", {}, "绿：按期推进"],
    ["nothing due yet", { lastDue: undefined, overdueDays: 0 }, "绿：尚未到报送期"],
    ["completed, whatever else", { completed: true, pastDeadlineDays: 40 }, "绿：已办结"],
    ["overdue by 1 working day", { ...unreported, overdueDays: 1 }, "黄：报送逾期1个工作日"],
    ["overdue by exactly N days", { ...unreported, overdueDays: 2 }, "黄：报送逾期2个工作日"],
    ["overdue by more than N days", { ...unreported, overdueDays: 3 }, "红：报送逾期3个工作日"],
    ["due today, not reported", { ...unreported, overdueDays: 0 }, "绿：按期推进"],
    [
      "late but caught up",
      { lastDue: { cycle: "2021-03", due: "2021-03-25", reportedOn: "2021-03-29" } },
      "黄：2021年3月进展逾期后已补报",
    ],
    [
      "deadline passed without completion",
      { date: "2022-01-04", pastDeadlineDays: 1 },
      "红：已超过完成时限1个工作日未办结",
    ],
    [
      "deadline passed, completion undecided",
      { pastDeadlineDays: 2, completionPending: true },
      "黄：已超过完成时限，办结申请待审核",
    ],
    [
      "behind 序时进度 by more than X points",
      { measures: [{ label: "城镇新增就业", share: 10 }], pace: 22.4 },
      "红：城镇新增就业完成10%，落后序时进度12.4个百分点",
    ],
    [
      "behind by less",
      { measures: [{ label: "城镇新增就业", share: 20 }], pace: 22.4 },
      "黄：城镇新增就业完成20%，落后序时进度2.4个百分点",
    ],
    ["ahead of pace", { measures: [{ label: "城镇新增就业", share: 70 }], pace: 22.4 }, "绿：按期推进"],
    [
      "an at-most indicator above its limit",
      { exceeded: [{ label: "城镇登记失业率", actual: "3.2%", limit: "3%" }] },
      "黄：城镇登记失业率3.2%，超出控制目标3%",
    ],
    ["difficulty reported", { difficulty: "场地未落实" }, "黄：反映困难：场地未落实"],
    [
      "a difficulty the office reported for the unit (代报)",
      { difficulty: "场地未落实", difficultyByOffice: true },
      "黄：反映困难（督考办代报）：场地未落实",
    ],
    [
      "a long difficulty is cut",
      { difficulty: "春季招聘会场地尚未落实，需区里协调多个部门共同解决" },
      "黄：反映困难：春季招聘会场地尚未落实，需区里协调多个…",
    ],
    [
      "red wins and lists every red reason",
      { ...unreported, overdueDays: 5, measures: [{ label: "投资", share: 0 }], difficulty: "资金" },
      "红：报送逾期5个工作日；投资完成0%，落后序时进度22个百分点",
    ],
    [
      "a co-unit is judged on its reports only",
      { role: "co", pastDeadlineDays: 3, measures: [{ label: "城镇新增就业", share: 2 }] },
      "绿：按期推进",
    ],
  ])("%s", (_, change, text) => {
    expect(computeLight({ ...onTime, ...change }, SETTINGS).text).toBe(text);
  });

  it("follows the configured thresholds", () => {
    const strict = lightSettingsSchema.parse({
      overdueRedDays: 0,
      behindRedPoints: 1,
      behindYellowPoints: 0.5,
    });
    expect(computeLight({ ...onTime, ...unreported, overdueDays: 1 }, strict).color).toBe("red");
    expect(computeLight({ ...onTime, measures: [{ label: "x", share: 21.8 }] }, strict).color).toBe("green");
    expect(computeLight({ ...onTime, measures: [{ label: "x", share: 21 }] }, strict).color).toBe("yellow");
  });

  it("refuses a yellow threshold above the red one", () => {
    expect(() => lightSettingsSchema.parse({ behindRedPoints: 5, behindYellowPoints: 6 })).toThrow(
      /behindYellowPoints/,
    );
  });
});
