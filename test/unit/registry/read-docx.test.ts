import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeText, toLines } from "../../../src/registry/decode-text.js";
import { parseNotice } from "../../../src/registry/parse-notice.js";
import { readDocxLines } from "../../../src/registry/read-docx.js";
import type { SourceLine } from "../../../src/registry/source-line.js";
import { InputError } from "../../../src/shared/errors.js";
import { SEED_PATH } from "../../helpers/notice.js";

const NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A run: plain text, or text with direct formatting / a character style (raw w:rPr children allowed). */
type Run = string | { t: string; b?: boolean; rPr?: string; style?: string };

function run(r: Run): string {
  if (typeof r === "string") return `<w:r><w:t xml:space="preserve">${r}</w:t></w:r>`;
  const props = `${r.style ? `<w:rStyle w:val="${r.style}"/>` : ""}${r.b ? "<w:b/>" : ""}${r.rPr ?? ""}`;
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${r.t}</w:t></w:r>`;
}

function para(runs: Run[], style?: string): string {
  return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${runs.map(run).join("")}</w:p>`;
}

function docx(body: string, styles?: string, numbering?: string): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types/>'),
    "word/document.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    ),
  };
  if (styles) files["word/styles.xml"] = strToU8(`<?xml version="1.0"?><w:styles ${NS}>${styles}</w:styles>`);
  if (numbering)
    files["word/numbering.xml"] = strToU8(
      `<?xml version="1.0"?><w:numbering ${NS}>${numbering}</w:numbering>`,
    );
  return zipSync(files);
}

/** "#" for a bold character, "." for a plain one. */
function boldPattern(line: SourceLine | undefined): string {
  return (line?.bold ?? []).map((b) => (b ? "#" : ".")).join("");
}

const STYLES = `
  <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading"><w:basedOn w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Strong2"><w:basedOn w:val="Heading"/><w:rPr><w:rFonts w:eastAsia="仿宋"/><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Host"><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="HostChild"><w:basedOn w:val="Host"/></w:style>
  <w:style w:type="character" w:styleId="Loop1"><w:basedOn w:val="Loop2"/></w:style>
  <w:style w:type="character" w:styleId="Loop2"><w:basedOn w:val="Loop1"/></w:style>`;

describe("readDocxLines: text and bold per character", () => {
  it.each<[string, string, string, string]>([
    ["direct w:b", para(["甲", { t: "乙丙", b: true }]), "甲乙丙", ".##"],
    [
      "w:b w:val=0 and false",
      para([
        { t: "甲", rPr: '<w:b w:val="0"/>' },
        { t: "乙", rPr: '<w:b w:val="false"/>' },
      ]),
      "甲乙",
      "..",
    ],
    ["w:b w:val=true", para([{ t: "甲", rPr: '<w:b w:val="true"/>' }]), "甲", "#"],
    ["character style, via basedOn", para([{ t: "甲", style: "HostChild" }, "乙"]), "甲乙", "#."],
    ["character style cycle", para([{ t: "甲", style: "Loop1" }]), "甲", "."],
    ["paragraph style in 黑体", para(["甲乙"], "Heading"), "甲乙", "##"],
    [
      "direct font overrides the style's 黑体",
      para([{ t: "甲", rPr: '<w:rFonts w:eastAsia="仿宋"/>' }], "Heading"),
      "甲",
      ".",
    ],
    [
      "paragraph style bold, run turns it off",
      para([{ t: "甲", rPr: '<w:b w:val="0"/>' }, "乙"], "Strong2"),
      "甲乙",
      ".#",
    ],
    [
      "East Asian font 黑体",
      para([{ t: "甲", rPr: '<w:rFonts w:ascii="Times" w:eastAsia="黑体"/>' }, "乙"]),
      "甲乙",
      "#.",
    ],
    ["方正黑体_GBK", para([{ t: "甲", rPr: '<w:rFonts w:eastAsia="方正黑体_GBK"/>' }]), "甲", "#"],
    [
      "w:hint eastAsia with SimHei",
      para([{ t: "甲", rPr: '<w:rFonts w:hint="eastAsia" w:ascii="SimHei"/>' }]),
      "甲",
      "#",
    ],
    ["仿宋 is not bold", para([{ t: "甲", rPr: '<w:rFonts w:eastAsia="仿宋_GB2312"/>' }]), "甲", "."],
    [
      "tab, break, entities, spaces and full-width characters",
      `<w:p><w:r><w:t xml:space="preserve"> A&amp;B </w:t><w:tab/><w:t>&#x4E2D;&#25991;</w:t><w:br/><w:t>（１）：</w:t></w:r></w:p>`,
      " A&B \t中文（１）：",
      "............",
    ],
    [
      "hyperlinks, insertions and content controls count; deletions and field codes do not",
      `<w:p><w:hyperlink><w:r><w:t>甲</w:t></w:r></w:hyperlink><w:ins><w:r><w:rPr><w:b/></w:rPr><w:t>乙</w:t></w:r></w:ins><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:sdt><w:sdtContent><w:r><w:t>丙</w:t></w:r></w:sdtContent></w:sdt><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>`,
      "甲乙丙",
      ".#.",
    ],
    ["a character outside the BMP keeps two flags", para([{ t: "𠀀", b: true }, "甲"]), "𠀀甲", "##."],
  ])("%s", (_label, body, text, bold) => {
    const [line] = readDocxLines(docx(body, STYLES), "t.docx");
    expect(line?.text).toBe(text);
    expect(boldPattern(line)).toBe(bold);
  });

  it("reads the text of a file whose styles part is broken", () => {
    const bytes = zipSync({
      "word/document.xml": strToU8(
        `<w:document ${NS}><w:body>${para([{ t: "甲", b: true }])}</w:body></w:document>`,
      ),
      "word/styles.xml": strToU8("<w:styles"),
    });
    const [line] = readDocxLines(bytes, "t.docx");
    expect([line?.text, boldPattern(line)]).toEqual(["甲", "#"]);
  });

  it("reads bold without a styles part", () => {
    const [line] = readDocxLines(docx(para(["甲", { t: "乙", b: true }])), "t.docx");
    expect(boldPattern(line)).toBe(".#");
  });
});

describe("readDocxLines: paragraphs", () => {
  it("numbers paragraphs in body order, table cells included, empty ones kept", () => {
    const cell = (text: string) => `<w:tc><w:tcPr/>${para([text])}</w:tc>`;
    const body = `${para(["标题"])}<w:p/><w:tbl><w:tr>${cell("一")}${cell("二")}</w:tr><w:tr>${cell("三")}</w:tr></w:tbl>${para(["尾"])}`;
    const lines = readDocxLines(docx(body), "t.docx");
    expect(lines.map((l) => [l.line, l.text])).toEqual([
      [1, "标题"],
      [2, ""],
      [3, "一"],
      [4, "二"],
      [5, "三"],
      [6, "尾"],
    ]);
  });

  it.each([
    ["not a zip", new TextEncoder().encode("一、这是一份文本")],
    ["a zip without word/document.xml", zipSync({ "a.txt": strToU8("x") })],
    ["a broken word/document.xml", zipSync({ "word/document.xml": strToU8("<w:document") })],
  ])("rejects %s with an InputError that says what to fix", (_label, bytes) => {
    expect(() => readDocxLines(bytes, "bad.docx")).toThrow(InputError);
    expect(() => readDocxLines(bytes, "bad.docx")).toThrow(/bad\.docx.*Fix:/);
  });
});

describe("readDocxLines + parseNotice: bold units host", () => {
  const H = (t: string): Run => ({ t, b: true });
  const heiti = (t: string): Run => ({ t, rPr: '<w:rFonts w:hint="eastAsia" w:eastAsia="黑体"/>' });
  const body = [
    para(["二、抓好常态化疫情防控"]),
    para([
      "1、坚持“外防输入、内防反弹”，控好源头、守住防线。（牵头领导：寇宁、孙恒民。承办单位：",
      H("区委统筹疫情防控和经济运行工作领导小组（指挥部）"),
      "、",
      H("区卫生健康局"),
      "、区市场监督管理局、区应急管理局等，各镇街。",
      heiti("黑体"),
      "为主办单位，其他为协办单位，下同）",
    ]),
    para([
      "2、加快区疾控中心和大安卫生院建设。（牵头领导：孙恒民。承办单位：区卫生健康局、",
      H("大安镇"),
      "、区人力资源和社会保障局等，各镇街）",
    ]),
    // The host set in 黑体 rather than bold.
    para([
      "3、广泛开展全民健身运动，增强群众体质。（牵头领导：孙恒民。承办单位：",
      heiti("区教育和体育局"),
      "，各镇街）",
    ]),
    // No bold at all: the first unit listed hosts.
    para(["4、加强食品药品安全监管。（牵头领导：谭丽娜。承办单位：区市场监督管理局、区卫生健康局，各镇街）"]),
  ].join("");
  const registry = parseNotice(readDocxLines(docx(body), "notice.docx"), {
    year: 2021,
    now: new Date("2021-03-01T00:00:00Z"),
  });

  it.each([
    [
      1,
      ["区委统筹疫情防控和经济运行工作领导小组（指挥部）", "区卫生健康局"],
      ["区市场监督管理局", "区应急管理局"],
    ],
    [2, ["大安镇"], ["区卫生健康局", "区人力资源和社会保障局"]],
    [3, ["区教育和体育局"], []],
    [4, ["区市场监督管理局"], ["区卫生健康局"]],
  ])("task %i hosts %j", (no, hosts, coUnits) => {
    const task = registry.tasks.find((t) => t.no === no);
    expect(task?.hostUnits).toEqual(hosts);
    expect(task?.coUnits).toEqual(coUnits);
    expect(task?.unitGroups).toEqual(["各镇街"]);
  });

  it("reads every task of the section without problems", () => {
    expect(registry.tasks.map((t) => t.no)).toEqual([1, 2, 3, 4]);
    expect(registry.sections).toEqual([{ no: "二", title: "抓好常态化疫情防控" }]);
    expect(registry.problems).toEqual([]);
  });
});

describe("readDocxLines: automatic list numbers", () => {
  const level = (ilvl: number, format: string, text: string, start = 1, suffix = "nothing") =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:suff w:val="${suffix}"/></w:lvl>`;
  const NUMBERING = `
    <w:abstractNum w:abstractNumId="0">${level(0, "chineseCounting", "%1、", 2)}${level(1, "decimal", "（%2）")}</w:abstractNum>
    <w:abstractNum w:abstractNumId="1">${level(0, "decimal", "%1、", 1, "tab")}</w:abstractNum>
    <w:abstractNum w:abstractNumId="2">${level(0, "bullet", "")}</w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>`;
  const NUMBERED_STYLES = `
    <w:style w:type="paragraph" w:styleId="Chapter"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>`;
  const numbered = (text: string, numId: string, ilvl = 0) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr>${run(text)}</w:p>`;
  const body = [
    para(["抓好常态化疫情防控"], "Chapter"),
    numbered("强化疫情防控", "1", 1),
    numbered("坚持外防输入", "2"),
    numbered("健全监测预警", "2"),
    para(["推动经济高质量发展"], "Chapter"),
    numbered("实施集群培育", "2"),
    `<w:p><w:pPr><w:pStyle w:val="Chapter"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>${run("不编号")}</w:p>`,
    numbered("要点", "4"),
    numbered("另起一列", "3"),
    numbered("未定义的列表", "9"),
  ].join("");

  it("renders the labels Word would show", () => {
    const lines = readDocxLines(docx(body, NUMBERED_STYLES, NUMBERING), "t.docx");
    expect(lines.map((l) => l.text)).toEqual([
      "二、抓好常态化疫情防控",
      "（1）强化疫情防控",
      "1、\t坚持外防输入",
      "2、\t健全监测预警",
      "三、推动经济高质量发展",
      "3、\t实施集群培育",
      "不编号",
      "要点",
      "1、\t另起一列",
      "未定义的列表",
    ]);
    // The label takes no bold of its own: only the heading's 黑体 text counts.
    expect(boldPattern(lines[0])).toBe("..#########");
  });

  it("gives parseNotice the numbers it needs", () => {
    const paren = "（牵头领导：孙恒民。承办单位：区卫生健康局，各镇街）";
    const notice = [
      para(["抓好常态化疫情防控"], "Chapter"),
      numbered(`坚持外防输入。${paren}`, "2"),
      numbered(`健全监测预警。${paren}`, "2"),
      para(["推动经济高质量发展"], "Chapter"),
      numbered(`实施集群培育。${paren}`, "2"),
    ].join("");
    const registry = parseNotice(readDocxLines(docx(notice, NUMBERED_STYLES, NUMBERING), "t.docx"), {
      year: 2021,
      now: new Date("2021-03-01T00:00:00Z"),
    });
    expect(registry.problems).toEqual([]);
    expect(registry.tasks.map((t) => [t.no, t.section, t.text])).toEqual([
      [1, "抓好常态化疫情防控", "坚持外防输入。"],
      [2, "抓好常态化疫情防控", "健全监测预警。"],
      [3, "推动经济高质量发展", "实施集群培育。"],
    ]);
  });
});

describe("readDocxLines: the seed notice as a .docx", () => {
  const text = decodeText(readFileSync(SEED_PATH), "seed").text;
  const escapeXml = (line: string) => line.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const paragraphs = toLines(text).map((l) => para([escapeXml(l.text)]));
  const options = { now: new Date("2026-01-01T00:00:00Z") };
  const fromText = parseNotice(toLines(text), options);

  it.each([
    ["in paragraphs", paragraphs.join("")],
    [
      "laid out in a table",
      `<w:tbl>${paragraphs.map((p) => `<w:tr><w:tc>${p}</w:tc></w:tr>`).join("")}</w:tbl>`,
    ],
  ])("reads %s exactly as the text", (_label, body) => {
    const fromDocx = parseNotice(readDocxLines(docx(body), "seed.docx"), options);
    expect(fromDocx.tasks).toHaveLength(66);
    expect(fromDocx).toEqual(fromText);
  });
});
