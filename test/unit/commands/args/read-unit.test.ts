import { describe, expect, it } from "vitest";
import { readUnit } from "../../../../src/commands/args/read-unit.js";
import { parseDirectory } from "../../../../src/directory/load-directory.js";

const directory = parseDirectory(
  `
units:
  - { name: 区人力资源和社会保障局, kind: department, aliases: [区人社局] }
  - { name: 区财政局, kind: department }
  - { name: 区发展改革局, kind: department, aliases: [区发改局] }
  - { name: 大安镇, kind: town }
  - { name: 新兖镇, kind: town }
  - { name: 颜店镇, kind: town }
`,
  "units.yaml",
);
const read = (text: string) => readUnit(text, directory);

describe("readUnit", () => {
  it("finds a unit by its name or an alias, full-width spaces and all", () => {
    expect(read("区财政局")).toMatchObject({ ok: true, value: { name: "区财政局" } });
    expect(read("区人社局")).toMatchObject({ ok: true, value: { name: "区人力资源和社会保障局" } });
    expect(read("\u3000大安镇 ")).toMatchObject({ ok: true, value: { name: "大安镇" } });
  });

  it("finds a unit by a part of its name or alias that no other unit has", () => {
    expect(read("人社局")).toMatchObject({ ok: true, value: { name: "区人力资源和社会保障局" } });
    expect(read("发改")).toMatchObject({ ok: true, value: { name: "区发展改革局" } });
    expect(read("颜店")).toMatchObject({ ok: true, value: { name: "颜店镇" } });
  });

  it("lists the candidates when a part fits several units, and never matches a single character", () => {
    const towns = parseDirectory(
      "units: [{ name: 新兖镇, kind: town }, { name: 老兖镇, kind: town }]",
      "u.yaml",
    );
    const ambiguous = readUnit("兖镇", towns);
    expect(ambiguous).toMatchObject({ ok: false, code: "ambiguous-unit" });
    expect(ambiguous.ok ? "" : ambiguous.problem).toBe(
      "“兖镇”可对应多个单位：新兖镇、老兖镇。请写单位全称或简称，如“新兖镇”。",
    );
    expect(read("区局")).toMatchObject({ ok: false, code: "unknown-unit" });
    for (const text of ["镇", "局", "区"])
      expect(read(text), text).toMatchObject({ ok: false, code: "unknown-unit" });
  });

  it("says how many more candidates there are beyond the first six", () => {
    const many = parseDirectory(
      `units: [${Array.from({ length: 9 }, (_, i) => `{ name: 第${i + 1}街道, kind: street }`).join(", ")}]`,
      "u.yaml",
    );
    const result = readUnit("街道", many);
    expect(result.ok ? "" : result.problem).toBe(
      "“街道”可对应多个单位：第1街道、第2街道、第3街道、第4街道、第5街道、第6街道等3个。请写单位全称或简称，如“第1街道”。",
    );
  });

  it("suggests the nearest unit for a slip, and otherwise shows how units are written", () => {
    const slip = read("区才政局");
    expect(slip).toMatchObject({ ok: false, code: "unknown-unit" });
    expect(slip.ok ? "" : slip.problem).toBe("未找到单位“区才政局”。您是否要写“区财政局”？");
    const unknown = read("区气象局");
    expect(unknown.ok ? "" : unknown.problem).toBe(
      "未找到单位“区气象局”。请写名录中的单位全称或简称，如“区人社局”。",
    );
  });
});
