import { describe, expect, it } from "vitest";
import { scoreClause } from "../../../src/progress/score-clause.js";

describe("scoreClause", () => {
  it.each([
    ["已新增就业4200人", "年内城镇新增就业6000人", 3],
    ["已新增就业四千二百人", "年内城镇新增就业6000人", 3],
    // The same number in Chinese numerals is no shared word.
    ["培训两千人", "新增就业两千人", 0],
    ["其中高校毕业生一千二百人", "年内城镇新增就业一千二百人", 0],
  ])("%j vs %j → %s", (clause, indicator, score) => {
    expect(scoreClause(clause, indicator)).toBe(score);
  });
});
