import { describe, expect, it } from "vitest";
import { exampleReply } from "../../../src/registry/short-title.js";

const indicator = (text: string, value: number, unit: string) => ({
  text,
  value,
  unit,
  bound: "min" as const,
});

describe("exampleReply", () => {
  it.each([
    ["年内城镇新增就业6000人", 6000, "人", "城镇新增就业3600人"],
    ["年内新增国家级高新技术企业4家", 4, "家", "新增国家级高新技术企业2家"],
    ["新建城市书房1个", 1, "个", "新建城市书房1个"],
    ["技改投资增长8%", 8, "%", "技改投资增长4.8%"],
    ["力争年内到位竞争性政策资金10亿元", 10, "亿元", "到位竞争性政策资金6亿元"],
  ])("%s → %s", (text, value, unit, example) => {
    expect(exampleReply(indicator(text, value, unit))).toBe(example);
  });
});
