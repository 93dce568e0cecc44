import { describe, expect, it } from "vitest";
import { chooseCycle } from "../../../src/progress/choose-cycle.js";

const DUES = [
  { cycle: "2021-02", nominal: "2021-02-25", due: "2021-02-25" },
  { cycle: "2021-03", nominal: "2021-03-25", due: "2021-03-25" },
  { cycle: "2021-04", nominal: "2021-04-25", due: "2021-04-23" },
];

describe("chooseCycle", () => {
  it.each([
    ["before the due date, no card", { date: "2021-03-22" }, "2021-03"],
    ["on the due date", { date: "2021-03-25" }, "2021-03"],
    ["after the due date, no card: the next cycle", { date: "2021-03-26" }, "2021-04"],
    ["late, the card's cycle still unreported", { date: "2021-03-29", lastCardCycle: "2021-03" }, "2021-03"],
    [
      "the card's cycle reported: the next cycle",
      { date: "2021-03-29", lastCardCycle: "2021-03", lastReportedCycle: "2021-03" },
      "2021-04",
    ],
    [
      "a second reply before the due date: the same cycle",
      { date: "2021-03-23", lastCardCycle: "2021-03", lastReportedCycle: "2021-03" },
      "2021-03",
    ],
    ["after the last due date", { date: "2021-05-10" }, "2021-04"],
  ])("%s", (_, input, cycle) => {
    expect(chooseCycle({ dues: DUES, ...input })).toBe(cycle);
  });

  it("falls back to the card's cycle, or once, when the task asks for nothing", () => {
    expect(
      chooseCycle({ date: "2021-03-22", dues: [], lastCardCycle: "once", lastReportedCycle: "once" }),
    ).toBe("once");
    expect(chooseCycle({ date: "2021-03-22", dues: [] })).toBe("once");
  });
});
