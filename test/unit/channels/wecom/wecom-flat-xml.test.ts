import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFlatXml } from "../../../../src/channels/wecom/wecom-flat-xml.js";
import { parseWecomXml } from "../../../../src/channels/wecom/wecom-xml.js";
import { V2, V2_BODY, V3_POST } from "../../../fixtures/wecom/vectors.js";
import { readFixture } from "./wecom-test-kit.js";

const ARRAYS = new Set(["SelectedItem", "OptionId"]);
// A declaration sends a document past the fast path, so this is the full parser's answer.
const fullParse = (xml: string) => parseWecomXml(`<?xml version="1.0" encoding="UTF-8"?>${xml}`);

describe("parseFlatXml", () => {
  it.each([
    ["the V2 envelope", V2_BODY],
    ["the V2 message", V2.message],
    ["the V3 message (no CDATA, Chinese)", V3_POST.message],
    ["a text message with markup in CDATA", readFixture("text-message.xml")],
    ["a button click", readFixture("template-card-event-button.xml")],
  ])("reads %s exactly as the full parser does", (_, xml) => {
    const flat = parseFlatXml(xml, ARRAYS);
    expect(flat).toBeDefined();
    expect(flat).toEqual(fullParse(xml));
  });

  it.each([
    ["nesting", readFixture("template-card-event.xml")],
    ["an entity", "<xml><A>a &amp; b</A></xml>"],
    ["an attribute", '<xml><A x="1">a</A></xml>'],
    ["a repeated element", "<xml><A>1</A><A>2</A></xml>"],
    ["a carriage return", "<xml><A>a\r\nb</A></xml>"],
    ["a comment", "<xml><!-- c --><A>a</A></xml>"],
    ["a DOCTYPE", '<!DOCTYPE xml [<!ENTITY e "x">]><xml><A>&e;</A></xml>'],
    ["]]> in text", "<xml><A>a]]>b</A></xml>"],
    ["a control character", "<xml><A>a\u0001b</A></xml>"],
    ["an unclosed root", "<xml><A>a</A>"],
    ["a mismatched tag", "<xml><A>a</B></xml>"],
    ["text after the root", "<xml><A>a</A></xml>tail"],
    ["an array name", "<xml><OptionId>1</OptionId></xml>"],
    ["a reserved name", "<xml><constructor>1</constructor></xml>"],
    ["an Object.prototype name", "<xml><toString>1</toString></xml>"],
  ])("leaves a document with %s to the full parser", (_, xml) => {
    expect(parseFlatXml(xml, ARRAYS)).toBeUndefined();
  });

  it("agrees with the full parser on every flat document", () => {
    const name = fc.constantFrom(
      "ToUserName",
      "FromUserName",
      "Content",
      "MsgId",
      "EventKey",
      "constructor",
      "toString",
      "prototype",
    );
    const value = fc.string({
      unit: fc.constantFrom("a", "7", " ", "\n", "<", ">", "&", "]", "汉", "\t", '"'),
    });
    const element = fc
      .tuple(name, value, fc.boolean())
      .map(([n, v, cdata]) =>
        cdata && !v.includes("]]>") ? `<${n}><![CDATA[${v}]]></${n}>` : `<${n}>${v}</${n}>`,
      );
    fc.assert(
      fc.property(fc.array(element, { maxLength: 6 }), fc.constantFrom("", "\n", "  "), (elements, gap) => {
        const xml = `<xml>${elements.join(gap)}</xml>`;
        const flat = parseFlatXml(xml, ARRAYS);
        if (flat !== undefined) expect(flat).toEqual(fullParse(xml));
      }),
      { numRuns: 500 },
    );
  });

  it("accepts nothing the full parser would refuse", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("<", ">", "/", "x", "m", "l", "A", "!", "[", "]", "C", "&", " ") }),
        (s) => {
          const xml = `<xml>${s}</xml>`;
          if (parseFlatXml(xml, ARRAYS) !== undefined) expect(() => fullParse(xml)).not.toThrow();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
