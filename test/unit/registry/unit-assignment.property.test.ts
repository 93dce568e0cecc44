import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText, toLines } from "../../../src/registry/decode-text.js";
import { findParenthetical } from "../../../src/registry/find-parenthetical.js";
import { parseNotice } from "../../../src/registry/parse-notice.js";
import { unitsOf } from "../../../src/registry/registry.js";
import { noticeWith, parseText, SEED_PATH } from "../../helpers/notice.js";

const UNITS = [
  "区财政局",
  "区人力资源和社会保障局",
  "区委统筹疫情防控和经济运行工作领导小组（指挥部）",
  "大安镇",
  "兴隆庄街道",
  "工业园区",
  "区法院",
  "人民银行兖州支行",
  "城市建设指挥部",
  "区住房城乡建设局",
];
const GROUPS = [
  "各镇街",
  "相关镇街",
  "各镇",
  "各乡镇",
  "各乡镇（街道）",
  "区直各部门",
  "区直有关部门",
  "各金融机构",
];

/** A unit list as offices write them: 、 or ， between names, sometimes 等 after one. */
const unitList = fc
  .uniqueArray(fc.constantFrom(...UNITS, ...GROUPS), { minLength: 1, maxLength: 7 })
  .chain((names) =>
    fc.tuple(
      fc.constant(names),
      fc.array(fc.constantFrom("、", "，"), { minLength: names.length, maxLength: names.length }),
      fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
    ),
  )
  .map(([names, seps, etc]) => ({
    names,
    text: names
      .map((n, i) => `${n}${etc[i] && !n.endsWith("）") ? "等" : ""}${i < names.length - 1 ? seps[i] : ""}`)
      .join(""),
  }));

describe("unit assignment (property)", () => {
  it("puts every unit named in the parenthetical in exactly one of hostUnits, coUnits, unitGroups", () => {
    fc.assert(
      fc.property(
        unitList,
        fc.option(unitList, { nil: undefined }),
        fc.constantFrom("承办单位", "责任单位", "牵头单位"),
        fc.constantFrom("：", ":"),
        fc.constantFrom("。", "；", ";"),
        (responsible, co, label, colon, clauseSep) => {
          const coPart = co ? `${clauseSep}配合单位${colon}${co.text}` : "";
          const registry = parseText(
            noticeWith(
              `1、加强监管（牵头领导${colon}张三${clauseSep}${label}${colon}${responsible.text}${coPart}）`,
            ),
          );
          const task = registry.tasks[0];
          expect(task).toBeDefined();
          const named = new Set([...responsible.names, ...(co?.names ?? [])]);
          const assigned = unitsOf(task as NonNullable<typeof task>);
          expect([...assigned].sort()).toEqual([...named].sort());
          expect(new Set(assigned).size).toBe(assigned.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("holds for every task of the seed notice", () => {
    const lines = toLines(decodeText(readFileSync(SEED_PATH), "seed").text);
    const registry = parseNotice(lines, { now: new Date("2026-01-01T00:00:00Z") });
    for (const task of registry.tasks) {
      const raw = findParenthetical(lines[task.line - 1]?.text ?? "")?.content.text ?? "";
      const named = raw
        .split(/[。；]/)
        .filter((clause) => /^(承办单位|配合单位)/.test(clause))
        .flatMap((clause) => clause.replace(/^[^：]+：/, "").split(/[、，](?![^（]*）)/))
        .map((name) => name.replace(/等$/, ""));
      const assigned = unitsOf(task);
      expect([...assigned].sort(), `task ${task.no}`).toEqual([...new Set(named)].sort());
      expect(new Set(assigned).size).toBe(assigned.length);
    }
  });
});
