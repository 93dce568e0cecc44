import { describe, expect, it } from "vitest";
import { matchUnit } from "../../../src/registry/match-unit.js";

describe("matchUnit", () => {
  it.each([
    ["人，失业率2.9%", "人", { written: "人", factor: 1 }],
    ["万人", "人", { written: "万人", factor: 10_000 }],
    ["人", "万人", { written: "人", factor: 0.0001 }],
    ["亿元", "亿元", { written: "亿元", factor: 1 }],
    ["万元", "亿元", { written: "万元", factor: 0.0001 }],
    ["万平方米标准化厂房", "万平方米", { written: "万平方米", factor: 1 }],
    ["平方米", "万平方米", { written: "平方米", factor: 0.0001 }],
    ["万亩", "万亩", { written: "万亩", factor: 1 }],
    ["千米", "公里", { written: "千米", factor: 1 }],
    ["%", "%", { written: "%", factor: 1 }],
    ["人次", "人", undefined],
    ["个百分点", "个", undefined],
    ["户", "人", undefined],
    ["月25日", "个", undefined],
  ])("%j against %j", (tail, unit, expected) => {
    expect(matchUnit(tail, unit)).toEqual(expected);
  });
});
