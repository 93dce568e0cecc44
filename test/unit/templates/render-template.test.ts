import { describe, expect, it } from "vitest";
import { renderTemplate } from "../../../src/templates/render-template.js";

describe("renderTemplate", () => {
  it.each([
    ["plain {{a}}", { a: 1 }, "plain 1"],
    ["{{a.b}}", { a: { b: "x" } }, "x"],
    ["[{{missing}}]", {}, "[]"],
    ["{{#xs}}<{{.}}>{{/xs}}", { xs: [1, 2] }, "<1><2>"],
    ["{{#xs}}{{n}}{{/xs}}", { xs: [{ n: "a" }, { n: "b" }] }, "ab"],
    ["{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", { flag: false }, "no"],
    ["{{^xs}}none{{/xs}}", { xs: [] }, "none"],
    ["{{#o}}{{k}}-{{top}}{{/o}}", { o: { k: 1 }, top: "t" }, "1-t"],
    ["{{#xs}}\n- {{.}}\n{{/xs}}\nend", { xs: ["a", "b"] }, "- a\n- b\nend"],
  ])("renders %j", (template, view, expected) => {
    expect(renderTemplate(template, view)).toBe(expected);
  });

  it("rejects an unclosed section", () => {
    expect(() => renderTemplate("{{#a}}x", { a: 1 })).toThrow(/never closed/);
  });
});

describe("renderTemplate: line handling and falsy numbers", () => {
  it("treats 0 as empty, like Mustache", () => {
    expect(renderTemplate("{{#n}}some{{/n}}{{^n}}none{{/n}}", { n: 0 })).toBe("none");
  });

  it("keeps the line break after a close tag that shares its line with text", () => {
    expect(renderTemplate("{{#t}}title: {{t}}{{/t}}\nnext", { t: "x" })).toBe("title: x\nnext");
  });

  it("drops the line breaks of section tags that stand alone on their lines", () => {
    expect(renderTemplate("a\n{{#t}}\nb\n{{/t}}\nc", { t: true })).toBe("a\nb\nc");
  });
});
