import { describe, expect, it } from "vitest";
import { parseTargets } from "../../../src/registry/parse-targets.js";

describe("parseTargets", () => {
  it("reads one target per clause, with subject, value, unit and bound", () => {
    const { targets, unread } = parseTargets("地区生产总值增长6%以上，城镇登记失业率控制在3.5%以内。");
    expect(unread).toEqual([]);
    expect(targets).toEqual([
      { text: "地区生产总值增长6%以上", subject: "地区生产总值", value: 6, unit: "%", bound: "min" },
      {
        text: "城镇登记失业率控制在3.5%以内",
        subject: "城镇登记失业率",
        value: 3.5,
        unit: "%",
        bound: "max",
      },
    ]);
  });

  it("splits the 分别 form into one target per subject", () => {
    const { targets } = parseTargets("城镇、农村居民人均可支配收入分别增长6%、7%以上");
    expect(targets.map((t) => [t.subject, t.value, t.bound])).toEqual([
      ["城镇居民人均可支配收入", 6, "min"],
      ["农村居民人均可支配收入", 7, "min"],
    ]);
  });

  it("takes the verb nearest the number, not one inside the subject", () => {
    const { targets } = parseTargets("规模以上工业增加值增长8%以上");
    expect(targets[0]?.subject).toBe("规模以上工业增加值");
  });

  it("returns the clauses it cannot read", () => {
    expect(parseTargets("保持经济运行在合理区间").unread).toEqual(["保持经济运行在合理区间"]);
  });
});
