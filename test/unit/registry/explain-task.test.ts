import { describe, expect, it } from "vitest";
import { toLines } from "../../../src/registry/decode-text.js";
import { explainTask } from "../../../src/registry/explain-task.js";
import type { ImportNoticeResult } from "../../../src/registry/import-notice.js";
import type { NoticeContent } from "../../../src/registry/read-notice.js";
import type { Task } from "../../../src/registry/registry.js";

/** The explanation is derived from the source, so any parser's result can be explained: build one by hand. */
function resultOf(content: NoticeContent, task: Partial<Task>): ImportNoticeResult {
  const full: Task = {
    no: 2,
    section: "",
    text: "",
    leaders: [],
    hostUnits: [],
    coUnits: [],
    unitGroups: [],
    indicators: [],
    deadline: "2024-12-31",
    line: 1,
    ...task,
  };
  const document = { title: "", docNo: "", issuer: "", issuedOn: "", year: 2024 };
  const registry = { document, targets: [], sections: [], tasks: [full], problems: [] };
  return {
    registry,
    content,
    year: { year: 2024, source: "title", evidence: "" },
    source: { path: "x", format: "text", sha256: "" },
    diff: { added: [], removed: [], changed: [], unchanged: 0 },
    skipped: [],
    unknownNames: { units: [], groups: [], emptyGroups: [], leaders: [] },
    readingProblems: [],
  };
}

describe("explainTask", () => {
  it("names a heading that carries the owners, and a label standing alone on the line above its value", () => {
    const lines = toLines(
      [
        "一、李某某副县长牵头的工作",
        "（二）建成示范园区。",
        "牵头单位：县工信局",
        "完成时限：",
        "6月底前",
      ].join("\n"),
    );
    const text = explainTask(
      resultOf(
        { kind: "lines", lines },
        {
          line: 2,
          text: "建成示范园区。",
          leaders: ["李某某"],
          hostUnits: ["县工信局"],
          deadline: "2024-06-30",
          deadlineText: "6月底前",
        },
      ),
      2,
    );
    expect(text).toContain("编号：2　← 第2行行首的“（二）”");
    expect(text).toContain("牵头领导：李某某　← 第1行标题“一、李某某副县长牵头的工作”（对其下各项任务有效）");
    expect(text).toContain("主办单位：县工信局　← 第3行标签“牵头单位”；按标签区分主办与协办");
    expect(text).toContain("完成时限：2024-06-30　← 第4行标签“完成时限”：“6月底前”，即2024-06-30");
  });

  it("says a unit heading makes its unit the lead for the tasks under it", () => {
    const lines = toLines(
      ["三、县开发区管委会牵头工作（2项）", "①开发区规上工业产值增长10%左右。"].join("\n"),
    );
    const text = explainTask(
      resultOf({ kind: "lines", lines }, { line: 2, hostUnits: ["县开发区管委会"] }),
      2,
    );
    expect(text).toContain(
      "主办单位：县开发区管委会　← 第1行标题“三、县开发区管委会牵头工作（2项）”（对其下各项任务有效）；标题所列单位为牵头单位",
    );
    expect(text).toContain("编号：2　← 第2行行首的“①”");
  });

  it("names a table's columns, and reads a 主办单位 column as hosts by its header", () => {
    const rows = [
      { row: 1, cells: ["序号", "重点任务", "牵头领导", "主办单位", "时间节点"] },
      { row: 2, cells: ["2", "推进平台建设", "冯涛", "区工信局、区大数据中心", "10月底前"] },
    ];
    const task = {
      line: 2,
      leaders: ["冯涛"],
      hostUnits: ["区工信局", "区大数据中心"],
      deadline: "2024-10-31",
      deadlineText: "10月底前",
    };
    const text = explainTask(resultOf({ kind: "rows", rows }, task), 2);
    expect(text).toContain("编号：2　← “序号”列（A列）的“2”");
    expect(text).toContain("主办单位：区工信局、区大数据中心　← “主办单位”列（D列）；按标签区分主办与协办");
    expect(text).toContain("完成时限：2024-10-31　← “时间节点”列（E列）：“10月底前”，即2024-10-31");
  });

  it("reads 'A牵头，B配合' as naming the host in words", () => {
    const lines = toLines("（二）6月底前实现企业开办全程网办。（区市场监管局牵头，各镇街配合）");
    const task = { line: 1, hostUnits: ["区市场监管局"], unitGroups: ["各镇街"] };
    const text = explainTask(resultOf({ kind: "lines", lines }, task), 2);
    expect(text).toContain("主办单位：区市场监管局　← 第1行的文字；原文写明“区市场监管局牵头”");
  });
});
