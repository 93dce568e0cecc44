import { describe, expect, it } from "vitest";
import { findDeadlineInText, parseDeadline } from "../../../src/registry/parse-deadline.js";

describe("parseDeadline", () => {
  it.each([
    ["年内", "2021-12-31"],
    ["年底前", "2021-12-31"],
    ["持续推进", "2021-12-31"],
    ["长期坚持", "2021-12-31"],
    ["6月底前", "2021-06-30"],
    ["2月底", "2021-02-28"],
    ["十一月底前", "2021-11-30"],
    ["三季度末", "2021-09-30"],
    ["二季度末前", "2021-06-30"],
    ["第一季度", "2021-03-31"],
    ["上半年", "2021-06-30"],
    ["2021年10月1日前", "2021-10-01"],
    ["10月15日前", "2021-10-15"],
    ["2022年3月底前", "2022-03-31"],
    ["2022年底前", "2022-12-31"],
    [" 9月30日前。", "2021-09-30"],
  ])("%s → %s", (text, expected) => {
    expect(parseDeadline(text, 2021)).toBe(expected);
  });

  it("knows leap years", () => {
    expect(parseDeadline("2月底前", 2024)).toBe("2024-02-29");
  });

  it.each(["尽快", "2月30日前", "13月底前", "适时", ""])("returns undefined for %j", (text) => {
    expect(parseDeadline(text, 2021)).toBeUndefined();
  });
});

describe("findDeadlineInText", () => {
  it("takes the latest deadline written in a task's sentence", () => {
    expect(findDeadlineInText("6月底前完成方案，三季度末前全面建成", 2021)).toEqual({
      date: "2021-09-30",
      text: "三季度末前",
    });
  });

  it("finds nothing in a sentence without a deadline phrase", () => {
    expect(findDeadlineInText("加强食品药品安全监管，让群众吃得放心", 2021)).toBeUndefined();
  });
});
