import { describe, expect, it } from "vitest";
import { extractIndicators } from "../../../src/registry/extract-indicators.js";

const brief = (sentence: string) => extractIndicators(sentence).map((i) => [i.value, i.unit, i.bound]);

describe("extractIndicators", () => {
  it.each([
    ["年内城镇新增就业6000人", [[6000, "人", "min"]]],
    ["力争年内农机产业产值达到30亿元", [[30, "亿元", "min"]]],
    ["完成5万亩高标准农田建设", [[5, "万亩", "min"]]],
    ["不良贷款率控制在2.5%以内", [[2.5, "%", "max"]]],
    ["城镇登记失业率控制在3%", [[3, "%", "max"]]],
    ["万元GDP能耗下降到0.5吨以下", [[0.5, "吨", "max"]]],
    ["粮食产量稳定在50万吨左右", [[50, "万吨", "exact"]]],
    ["技改投资增长8%以上", [[8, "%", "min"]]],
    ["外资1亿美元", [[1, "亿美元", "min"]]],
    ["新建12万平方米标准化厂房", [[12, "万平方米", "min"]]],
    [
      "铺设污水管网280公里，改造提升农村道路33公里",
      [
        [280, "公里", "min"],
        [33, "公里", "min"],
      ],
    ],
    ["全角百分号增长5％以上", [[5, "%", "min"]]],
  ])("%s", (sentence, expected) => {
    expect(brief(sentence)).toEqual(expected);
  });

  it.each([
    ["落实“3个100%”要求", "numbers inside quotation marks are names"],
    ["引进500强企业", "a number glued to a non-unit"],
    ["推进5G网络建设", "5G is not a quantity"],
    ["新327国道如期完工", "a road's number"],
    ["实施“八五”普法", "no digits at all"],
  ])("ignores %s (%s)", (sentence) => {
    expect(extractIndicators(sentence)).toEqual([]);
  });

  it("keeps the clause each number stands in", () => {
    expect(extractIndicators("推进42个重点产业项目和7个科技创新平台建设").map((i) => i.text)).toEqual([
      "推进42个重点产业项目",
      "7个科技创新平台建设",
    ]);
    expect(
      extractIndicators("年内新增国家级高新技术企业4家、省级以上创新平台3家").map((i) => i.text),
    ).toEqual(["年内新增国家级高新技术企业4家", "省级以上创新平台3家"]);
  });
});
