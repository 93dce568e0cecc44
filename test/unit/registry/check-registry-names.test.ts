import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { DEMO_DIRECTORY } from "../../../src/config/load-config.js";
import { indexDirectory } from "../../../src/directory/directory-index.js";
import { parseDirectory } from "../../../src/directory/load-directory.js";
import { checkRegistryNames } from "../../../src/registry/check-registry-names.js";
import { decodeText, toLines } from "../../../src/registry/decode-text.js";
import { parseNotice } from "../../../src/registry/parse-notice.js";
import { directoryToYaml, scaffoldDirectory } from "../../../src/registry/scaffold-directory.js";
import { noticeWith, parseText, SEED_PATH } from "../../helpers/notice.js";

const seed = parseNotice(toLines(decodeText(readFileSync(SEED_PATH), "seed").text), { now: new Date() });

describe("checkRegistryNames", () => {
  it("finds no problem in the seed against the demo directory", () => {
    const demo = parseDirectory(readFileSync(DEMO_DIRECTORY, "utf8"), DEMO_DIRECTORY);
    expect(checkRegistryNames(seed, indexDirectory(demo))).toEqual([]);
  });

  it("resolves aliases and reports unknown units, groups and leaders with their line", () => {
    const directory = parseDirectory(
      [
        "leaders: [{ name: 张三 }]",
        "units:",
        "  - { name: 区人力资源和社会保障局, kind: department, aliases: [区人社局] }",
        "groups: [{ name: 相关镇街 }]",
      ].join("\n"),
      "d.yaml",
    );
    const registry = parseText(
      noticeWith("1、稳定就业（牵头领导：张三、李四。承办单位：区人社局、区就业中心，各镇街，相关镇街）"),
    );
    expect(checkRegistryNames(registry, indexDirectory(directory))).toEqual([
      { line: 4, message: expect.stringContaining("单位「区就业中心」不在单位名录中") },
      { line: 4, message: expect.stringContaining("「各镇街」不在名录的单位分组中") },
      { line: 4, message: expect.stringContaining("「相关镇街」在名录中未列出成员") },
      { line: 4, message: expect.stringContaining("牵头领导「李四」不在名录中") },
    ]);
  });
});

describe("scaffoldDirectory", () => {
  it("writes a valid directory naming every unit, group and leader of the notice", () => {
    const yaml = directoryToYaml(scaffoldDirectory(seed));
    expect(yaml.startsWith("# Duban directory")).toBe(true);
    const directory = parseDirectory(yaml, "scaffold.yaml");
    const problems = checkRegistryNames(seed, indexDirectory(directory));
    // Only the groups the office must fill in by hand remain.
    expect(new Set(problems.map((p) => p.message.replace(/^第\d+项的/, "")))).toEqual(
      new Set([
        "「相关镇街」在名录中未列出成员，提醒将只发给主办单位，请在名录中补充。",
        "「区直有关部门」在名录中未列出成员，提醒将只发给主办单位，请在名录中补充。",
        "「区直相关部门」在名录中未列出成员，提醒将只发给主办单位，请在名录中补充。",
        "「各金融机构」在名录中未列出成员，提醒将只发给主办单位，请在名录中补充。",
      ]),
    );
    const raw = load(yaml) as { units: { name: string; kind: string }[] };
    expect(raw.units.find((u) => u.name === "大安镇")?.kind).toBe("town");
    expect(raw.units.find((u) => u.name === "酒仙桥街道")?.kind).toBe("street");
    expect(raw.units.find((u) => u.name === "城市建设指挥部")?.kind).toBe("command-group");
  });
});
