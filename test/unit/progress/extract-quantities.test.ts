import { describe, expect, it } from "vitest";
import { extractQuantities, withoutNumbers } from "../../../src/progress/extract-quantities.js";

const read = (text: string) =>
  extractQuantities(text).map((q) => ({
    value: q.value,
    written: q.written,
    percent: q.percent,
    unit: q.tail.slice(0, 2),
  }));

describe("extractQuantities", () => {
  it.each([
    ["新增就业四千二百人", [{ value: 4200, written: "四千二百", percent: false, unit: "人" }]],
    ["新增就业1.2万人", [{ value: 1.2, written: "1.2", percent: false, unit: "万人" }]],
    ["完成投资一点五亿元", [{ value: 1.5, written: "一点五", percent: false, unit: "亿元" }]],
    ["失业率百分之三", [{ value: 3, written: "百分之三", percent: true, unit: "" }]],
    ["完成3成", [{ value: 30, written: "3成", percent: true, unit: "" }]],
    ["完成八成以上", [{ value: 80, written: "八成", percent: true, unit: "以上" }]],
    ["新增两千人", [{ value: 2, written: "两", percent: false, unit: "千人" }]],
    ["新增十二人", [{ value: 12, written: "十二", percent: false, unit: "人" }]],
    ["新增一万零五百人", [{ value: 10500, written: "一万零五百", percent: false, unit: "人" }]],
    ["新增4200余人", [{ value: 4200, written: "4200余", percent: false, unit: "人" }]],
    ["新增4,200人", [{ value: 4200, written: "4,200", percent: false, unit: "人" }]],
    ["失业率2.9%", [{ value: 2.9, written: "2.9%", percent: true, unit: "" }]],
    // Ordinals, words with numeral characters, and numbers that are not one number.
    ["第一批项目", []],
    ["第3季度", []],
    ["十四五规划", []],
    ["千方百计稳就业", []],
    ["取得成果，建成投用", []],
    ["建立一人一档、一企一策", []],
    ["统一部署，逐一落实，唯一一家", []],
    ["新建一座污水处理站", [{ value: 1, written: "一", percent: false, unit: "座污" }]],
    ["三成果", [{ value: 3, written: "三", percent: false, unit: "成果" }]],
  ])("%j", (text, quantities) => {
    expect(read(text)).toEqual(quantities);
  });

  it("reads dates and phone numbers as plain numbers, which no indicator's unit follows", () => {
    expect(read("3月25日").map((q) => [q.value, q.unit])).toEqual([
      [3, "月2"],
      [25, "日"],
    ]);
    expect(read("电话13812345678").map((q) => q.value)).toEqual([13812345678]);
  });
});

describe("withoutNumbers", () => {
  it("blanks numbers out in any writing", () => {
    expect(withoutNumbers("新增就业四千二百人，失业率百分之三")).toBe("新增就业 人，失业率 ");
  });
});
