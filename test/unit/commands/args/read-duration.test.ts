import { describe, expect, it } from "vitest";
import { readDuration } from "../../../../src/commands/args/read-duration.js";

const read = (text: string) => {
  const result = readDuration(text);
  return result.ok ? `${result.value.amount}${result.value.unit}` : result.code;
};

describe("readDuration", () => {
  it("reads hours, days and weeks in Latin letters, Chinese, digits or numerals", () => {
    const expected: Record<string, string> = {
      "1d": "1day",
      "2D": "2day",
      "2天": "2day",
      两天: "2day",
      "3日": "3day",
      "2个工作日": "2day",
      "3h": "3hour",
      "3小时": "3hour",
      三个小时: "3hour",
      半天: "4hour",
      "1w": "1week",
      "1周": "1week",
      一个星期: "1week",
      "2": "2day",
      "0": "0day",
      "１ｄ": "1day",
      " 2 天 ": "2day",
    };
    for (const [text, duration] of Object.entries(expected)) expect(read(text), text).toBe(duration);
  });

  it("refuses anything else, saying how to write a duration", () => {
    for (const text of ["1.5d", "d", "明天", "2个月", "-1d", "1000d", ""])
      expect(read(text), text).toBe("bad-duration");
    const result = readDuration("一会儿");
    expect(result.ok ? "" : result.problem).toBe(
      "无法识别时长“一会儿”。请写作“1d”“2天”“3h”“3小时”“半天”或“1周”。",
    );
  });
});
