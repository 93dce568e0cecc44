import { describe, expect, it } from "vitest";
import { readTaskRef } from "../../../../src/commands/args/read-task-ref.js";

describe("readTaskRef", () => {
  it("reads a task reference as replies write one", () => {
    for (const text of [
      "52",
      "第52项",
      "第五十二项",
      "52号",
      "（52）",
      "(52)",
      "#52",
      "５２",
      "第 52 项",
      "52，",
      "第52号任务",
    ])
      expect(readTaskRef(text), text).toEqual({ ok: true, value: 52 });
  });

  it("refuses a word that is not wholly a task reference, saying how to write one", () => {
    for (const text of ["52a", "52人", "abc", "第项", "0", "3月", ""]) {
      const result = readTaskRef(text);
      expect(result, text).toMatchObject({ ok: false, code: "not-a-task" });
    }
    const result = readTaskRef("五十二");
    expect(result.ok ? "" : result.problem).toBe(
      "“五十二”不是任务序号。请写任务序号，如“52”“第52项”或“52号”。",
    );
  });
});
