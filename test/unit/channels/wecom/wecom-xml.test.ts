import { describe, expect, it } from "vitest";
import { WecomCryptoError } from "../../../../src/channels/wecom/wecom-errors.js";
import { parseWecomXml } from "../../../../src/channels/wecom/wecom-xml.js";
import { DoctypeRejected } from "../../../../src/channels/wecom/wecom-xml-entities.js";
import { V2, V3_POST } from "../../../fixtures/wecom/vectors.js";
import { thrown } from "./wecom-test-kit.js";

const expectRejected = (xml: string) => {
  const error = thrown(() => parseWecomXml(xml));
  expect(error).toBeInstanceOf(WecomCryptoError);
  expect((error as WecomCryptoError).wecomCode).toBe(-40002);
  return error as WecomCryptoError;
};

describe("parseWecomXml keeps every value a string", () => {
  it("keeps V2's MsgId (above 2^53) exact", () => {
    expect(parseWecomXml(V2.message).MsgId).toBe("4561255354251345929");
  });

  it("keeps a 20-digit MsgId (2^64 - 1) exact", () => {
    expect(parseWecomXml("<xml><MsgId>18446744073709551615</MsgId></xml>").MsgId).toBe(
      "18446744073709551615",
    );
  });

  it.each(["007", "0012", "1e5", "0x1F", "-0", "1.50", "true", "null", "Infinity", " 42 "])(
    "keeps %j as written, in plain text and in CDATA",
    (value) => {
      const parsed = parseWecomXml(`<xml><A>${value}</A><B><![CDATA[${value}]]></B></xml>`);
      expect(parsed).toEqual({ A: value, B: value });
    },
  );

  it("ignores attributes rather than parsing them", () => {
    expect(parseWecomXml('<xml><MsgId type="1e5">007</MsgId></xml>')).toEqual({ MsgId: "007" });
  });

  it("reads V3, which has no CDATA and UTF-8 text", () => {
    expect(parseWecomXml(V3_POST.message)).toMatchObject({ Content: "你好", AgentID: "1000002" });
  });

  it("keeps CDATA exactly: whitespace, markup and entity-looking text", () => {
    const parsed = parseWecomXml("<xml><C><![CDATA[  a &amp; <b> &#20320; ]]></C></xml>");
    expect(parsed.C).toBe("  a &amp; <b> &#20320; ");
  });

  it("decodes the predefined entities and character references outside CDATA, once", () => {
    const parsed = parseWecomXml(
      "<xml><C>a &amp; b &lt;c&gt; &quot;&apos; &#20320;&#x597D; &amp;lt;</C></xml>",
    );
    expect(parsed.C).toBe("a & b <c> \"' 你好 &lt;");
  });

  it("leaves unknown entities and invalid character references inert", () => {
    expect(parseWecomXml("<xml><C>&nbsp;&#0;&#xD800;</C></xml>").C).toBe("&nbsp;&#0;&#xD800;");
  });

  it("drops indentation between elements but keeps an element's own whitespace", () => {
    expect(parseWecomXml("<xml>\n  <A> </A>\n  <B>x</B>\n</xml>")).toEqual({ A: " ", B: "x" });
  });

  it("accepts a leading XML declaration", () => {
    expect(parseWecomXml('<?xml version="1.0" encoding="UTF-8"?><xml><A>1</A></xml>')).toEqual({ A: "1" });
  });

  it("normalises SelectedItem and OptionId to arrays even when single", () => {
    const xml =
      "<xml><SelectedItems><SelectedItem><QuestionKey>q</QuestionKey>" +
      "<OptionIds><OptionId>1</OptionId></OptionIds></SelectedItem></SelectedItems></xml>";
    expect(parseWecomXml(xml)).toEqual({
      SelectedItems: { SelectedItem: [{ QuestionKey: "q", OptionIds: { OptionId: ["1"] } }] },
    });
  });

  it("accepts a DOCTYPE-looking text inside CDATA (it is content, not markup)", () => {
    expect(parseWecomXml("<xml><C><![CDATA[<!DOCTYPE html>]]></C></xml>").C).toBe("<!DOCTYPE html>");
  });
});

describe("parseWecomXml refuses hostile or malformed XML", () => {
  it("rejects a billion-laughs DOCTYPE", () => {
    const lol = ['<!ENTITY a "lollollollollollollollollollol">'];
    for (let i = 1; i < 10; i++)
      lol.push(`<!ENTITY ${"a".repeat(i + 1)} "${`&${"a".repeat(i)};`.repeat(10)}">`);
    const error = expectRejected(`<!DOCTYPE xml [${lol.join("")}]><xml><C>&aaaaaaaaaa;</C></xml>`);
    expect(error.cause).toBeInstanceOf(DoctypeRejected);
  });

  it("rejects an external entity (XXE)", () => {
    // fast-xml-parser refuses SYSTEM entities itself, before our decoder would see the DOCTYPE.
    expectRejected('<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><C>&xxe;</C></xml>');
  });

  it("rejects even a harmless internal entity declaration", () => {
    const error = expectRejected('<!DOCTYPE xml [<!ENTITY e "expanded">]><xml><C>&e;</C></xml>');
    expect(error.cause).toBeInstanceOf(DoctypeRejected);
  });

  it("rejects a bare DOCTYPE", () => {
    const error = expectRejected("<!DOCTYPE xml><xml><C>x</C></xml>");
    expect(error.cause).toBeInstanceOf(DoctypeRejected);
  });

  it("does not expand an undeclared entity reference", () => {
    expect(parseWecomXml("<xml><C>&xxe;</C></xml>").C).toBe("&xxe;");
  });

  it.each([
    ["unclosed tags", "<xml><A>1</xml>"],
    ["two roots", "<xml></xml><xml></xml>"],
    ["a root other than <xml>", "<root><A>1</A></root>"],
    ["plain text", "hello"],
    ["an empty string", ""],
    ["a __proto__ element", "<xml><__proto__><polluted>1</polluted></__proto__></xml>"],
    ["nesting 50 levels deep", `<xml>${"<a>".repeat(50)}x${"</a>".repeat(50)}</xml>`],
  ])("rejects %s with -40002", (_, xml) => {
    expectRejected(xml);
  });

  it("does not echo the document in its error", () => {
    const error = expectRejected("<xml><Secret>hunter2</Secret");
    expect(error.message).not.toContain("hunter2");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
