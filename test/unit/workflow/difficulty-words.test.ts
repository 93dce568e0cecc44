import { describe, expect, it } from "vitest";
import { readDifficulty, saysDifficultySolved } from "../../../src/workflow/difficulty-words.js";

describe("readDifficulty", () => {
  it.each([
    ["有困难：招聘场地未落实", "招聘场地未落实"],
    ["有困难，招聘场地未落实", "招聘场地未落实"],
    ["遇到困难 资金缺口2000万元", "资金缺口2000万元"],
    ["困难：用地指标不足", "用地指标不足"],
    ["有困难", "有困难"],
  ])("%s → %s", (text, note) => {
    expect(readDifficulty(text)).toBe(note);
  });

  it.each(["已新增就业4200人", "困难已解决", "克服困难，已完成80%"])("%s is no difficulty", (text) => {
    expect(readDifficulty(text)).toBeUndefined();
  });
});

describe("saysDifficultySolved", () => {
  it.each(["困难已解决", "场地问题已协调解决，招聘会如期举办", "困难均已排除", "前期困难已经得到解决"])(
    "%s: solved",
    (text) => {
      expect(saysDifficultySolved(text)).toBe(true);
    },
  );

  it.each(["困难尚未解决", "问题仍未解决，正在协调", "已新增就业4200人", "困难没有解决，已上报"])(
    "%s: not solved",
    (text) => {
      expect(saysDifficultySolved(text)).toBe(false);
    },
  );
});
