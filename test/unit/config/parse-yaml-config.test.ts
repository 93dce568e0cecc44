import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseYamlConfig } from "../../../src/config/parse-yaml-config.js";

const schema = z.object({ day: z.string().optional(), answer: z.string().optional() }).strict();
const parse = (text: string) => parseYamlConfig(text, "s.yaml", schema, "settings");

describe("parseYamlConfig", () => {
  it("reads an empty file, or one of comments alone, as an empty mapping", () => {
    expect(parse("")).toEqual({});
    expect(parse("# 督考办设置\n\n")).toEqual({});
  });

  it("keeps a date and a word as the strings they are written as (YAML 1.2 core schema)", () => {
    expect(parse("day: 2021-01-21\nanswer: yes\n")).toEqual({ day: "2021-01-21", answer: "yes" });
  });

  it("names the line of a key given twice, without quoting the file's lines", () => {
    const text = "day: 2021-01-21\nanswer: 13800000000\nday: 2021-02-01\n";
    expect(() => parse(text)).toThrow(
      /^s\.yaml: not valid YAML at line 3: duplicated mapping key\. Fix the YAML syntax there\.$/,
    );
  });

  it("refuses a file of several documents, saying to keep one", () => {
    expect(() => parse("day: 2021-01-21\n---\nday: 2021-02-01\n")).toThrow(
      /s\.yaml: not valid YAML: it holds 2 documents \(separated by ---\)\. Fix: keep one\./,
    );
  });
});
