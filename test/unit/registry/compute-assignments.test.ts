import { describe, expect, it } from "vitest";
import { indexDirectory } from "../../../src/directory/directory-index.js";
import { parseDirectory } from "../../../src/directory/load-directory.js";
import { computeAssignments } from "../../../src/registry/compute-assignments.js";
import { noticeWith, parseText } from "../../helpers/notice.js";

const directory = indexDirectory(
  parseDirectory(
    [
      "units:",
      "  - { name: 区人力资源和社会保障局, kind: department, aliases: [区人社局] }",
      "  - { name: 大安镇, kind: town }",
      "  - { name: 酒仙桥街道, kind: street }",
      "groups:",
      "  - { name: 各镇街, members: [大安镇, 酒仙桥街道] }",
    ].join("\n"),
    "d.yaml",
  ),
);

describe("computeAssignments", () => {
  it("makes hosts hosts and group members co-units, resolving aliases", () => {
    const registry = parseText(noticeWith("1、稳定就业（牵头领导：张三。承办单位：区人社局，各镇街）"));
    expect(computeAssignments(registry, directory)).toEqual([
      { taskNo: 1, unit: "区人力资源和社会保障局", role: "host" },
      { taskNo: 1, unit: "大安镇", role: "co" },
      { taskNo: 1, unit: "酒仙桥街道", role: "co" },
    ]);
  });

  it("lets a group's members answer for a task with no host unit", () => {
    const registry = parseText(noticeWith("1、做好防汛（牵头领导：张三。承办单位：各镇街）"));
    expect(computeAssignments(registry, directory).map((a) => a.role)).toEqual(["host", "host"]);
  });

  it("keeps the host role when a host is also a member of a named group", () => {
    const registry = parseText(noticeWith("1、壮大镇域经济（牵头领导：张三。承办单位：大安镇，各镇街）"));
    expect(computeAssignments(registry, directory)).toEqual([
      { taskNo: 1, unit: "大安镇", role: "host" },
      { taskNo: 1, unit: "酒仙桥街道", role: "co" },
    ]);
  });
});
