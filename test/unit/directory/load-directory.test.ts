import { describe, expect, it } from "vitest";
import { DEMO_DIRECTORY } from "../../../src/config/load-config.js";
import { loadDirectory, parseDirectory } from "../../../src/directory/load-directory.js";

describe("parseDirectory", () => {
  it("accepts a small valid directory and fills defaults", () => {
    const directory = parseDirectory("units:\n  - { name: 区财政局, kind: department }\n", "d.yaml");
    expect(directory.units[0]).toEqual({ name: "区财政局", kind: "department", aliases: [], contacts: [] });
    expect(directory.demo).toBe(false);
  });

  it.each([
    [
      "units:\n  - { name: 区财政局, kind: bureau }\n",
      /d\.yaml.*\n.*units\[0\]\.kind: .*Fix: use one of "department"/,
    ],
    [
      "units:\n  - { name: 区财政局, kind: department, contacts: [{ name: 张三, role: boss }] }\n",
      /units\[0\]\.contacts\[0\]\.role/,
    ],
    ["leaders:\n  - { title: 区长 }\n", /leaders\[0\]\.name: .*Fix: give a string/],
    ["unit:\n  - { name: 区财政局 }\n", /\(top level\): .*Fix: remove or rename unit/],
    ["units: [ { name: 区财政局", /d\.yaml: not valid YAML at line 1/],
  ])("names the file, the key and the fix for %j", (text, expected) => {
    expect(() => parseDirectory(text, "d.yaml")).toThrow(expected);
  });

  it("rejects a name two units claim and a group member that is no unit", () => {
    const text = [
      "units:",
      "  - { name: 区人力资源和社会保障局, kind: department, aliases: [区人社局] }",
      "  - { name: 区人社局, kind: department }",
      "groups:",
      "  - { name: 各镇街, members: [大安镇] }",
    ].join("\n");
    expect(() => parseDirectory(text, "d.yaml")).toThrow(
      /"区人社局" is used by both[\s\S]*"大安镇" is not a unit/,
    );
  });

  it("says how to fix a missing file", async () => {
    await expect(loadDirectory("/nonexistent/directory.yaml")).rejects.toThrow(
      /cannot read.*Fix: point DUBAN_DIRECTORY/,
    );
  });

  it("ships a valid demo directory, marked as demo data", async () => {
    const directory = await loadDirectory(DEMO_DIRECTORY);
    expect(directory.demo).toBe(true);
    expect(directory.units.length).toBeGreaterThan(60);
    for (const unit of directory.units) {
      expect(unit.contacts.map((c) => c.role).sort(), unit.name).toEqual(["contact", "head"]);
    }
  });
});
