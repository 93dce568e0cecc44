import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { childrenOf, parseXml, tagOf, type XmlNode } from "../../../../src/registry/docx-xml.js";
import { paragraph, table } from "../../../../src/reports/docx/docx-blocks.js";
import { writeDocx } from "../../../../src/reports/docx/write-docx.js";
import { readDocx } from "../../../helpers/read-docx.js";

/**
 * The order WordprocessingML's schema gives the children of these elements (the ones the writer
 * uses): Word reports a file "unreadable" when they come in another order; LibreOffice does not mind.
 */
const SCHEMA_ORDER: Readonly<Record<string, readonly string[]>> = {
  "w:pPr": ["w:pStyle", "w:keepNext", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr"],
  "w:rPr": ["w:rFonts", "w:b", "w:sz", "w:szCs"],
  "w:tblPr": ["w:tblW", "w:jc", "w:tblBorders", "w:tblLayout", "w:tblCellMar"],
  "w:tcPr": ["w:tcW", "w:vAlign"],
  "w:sectPr": ["w:footerReference", "w:pgSz", "w:pgMar", "w:docGrid"],
  "w:style": ["w:name", "w:basedOn", "w:qFormat", "w:pPr", "w:rPr", "w:tblPr"],
  "w:font": ["w:altName", "w:charset", "w:family", "w:pitch"],
};

/** Every element of SCHEMA_ORDER whose children are out of order or unknown to it, as "w:pPr: w:jc, w:spacing". */
function outOfOrder(nodes: XmlNode[]): string[] {
  const found: string[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    const order = SCHEMA_ORDER[tag];
    const children = childrenOf(node).map(tagOf);
    if (order) {
      const ranks = children.map((c) => order.indexOf(c));
      if (ranks.some((r, i) => r < 0 || (i > 0 && r < (ranks[i - 1] ?? 0))))
        found.push(`${tag}: ${children.join(", ")}`);
    }
    found.push(...outOfOrder(childrenOf(node)));
  }
  return found;
}

const draft = {
  title: "关于<测试>&通报",
  created: new Date("2021-04-01T01:00:00Z"),
  blocks: [
    paragraph("title", "关于2021年第一季度重点工作任务推进情况的通报"),
    paragraph("docNo", "督考办〔2021〕X号"),
    paragraph("heading1", "一、总体情况"),
    // Markup and characters XML forbids, pasted from elsewhere.
    paragraph("body", "A&B <c> \"d\" 'e'\u0007\uFFFF 第二行\n第三行"),
    table(
      [
        { header: "单位", width: 3 },
        { header: "按时报送率", width: 1, center: true },
      ],
      [
        ["区财政局", "100%"],
        ["区人力资源和社会保障局", "2.8%"],
      ],
    ),
    paragraph("heading2", "（一）按时报送情况"),
    paragraph("signature", "2021年4月1日"),
  ],
};

describe("the .docx writer", () => {
  it("writes a package every part of which is well-formed and typed, and reads back as written", () => {
    const docx = readDocx(writeDocx(draft));
    expect(Object.keys(docx.parts).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/app.xml",
      "docProps/core.xml",
      "word/_rels/document.xml.rels",
      "word/document.xml",
      "word/fontTable.xml",
      "word/footer1.xml",
      "word/settings.xml",
      "word/styles.xml",
    ]);
    expect(docx.paragraphs).toEqual([
      { style: "title", text: "关于2021年第一季度重点工作任务推进情况的通报" },
      { style: "docNo", text: "督考办〔2021〕X号" },
      { style: "heading1", text: "一、总体情况" },
      { style: "body", text: "A&B <c> \"d\" 'e' 第二行\n第三行" },
      { style: "heading2", text: "（一）按时报送情况" },
      { style: "signature", text: "2021年4月1日" },
    ]);
    expect(docx.tables).toEqual([
      [
        ["单位", "按时报送率"],
        ["区财政局", "100%"],
        ["区人力资源和社会保障局", "2.8%"],
      ],
    ]);
    expect(docx.body.find((b) => b.kind === "table")).toMatchObject({ headerRows: 1 });
    expect(docx.parts["docProps/core.xml"]).toContain("<dc:title>关于&lt;测试&gt;&amp;通报</dc:title>");
    expect(docx.parts["docProps/core.xml"]).toContain("2021-04-01T01:00:00Z");
    // The same draft, the same bytes.
    expect(writeDocx(draft)).toEqual(writeDocx(draft));
  });

  it("writes each element's children in the schema's order", () => {
    const { parts } = readDocx(writeDocx(draft));
    for (const part of ["word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/footer1.xml"])
      expect(outOfOrder(parseXml(parts[part] ?? "")), part).toEqual([]);
  });

  it("lays the page out as GB/T 9704: A4, its margins, page numbers — 1 — in the footer", () => {
    const { parts } = readDocx(writeDocx(draft));
    const document = parts["word/document.xml"] ?? "";
    expect(document).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    // 37, 26, 35 and 28 mm in twentieths of a point.
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(parts["word/footer1.xml"]).toMatch(
      /— <\/w:t>.*<w:fldSimple w:instr=" PAGE ">.*<w:t xml:space="preserve"> —/,
    );
  });

  it("names the 公文 fonts and sizes in styles.xml, with stand-ins in fontTable.xml", () => {
    const { parts } = readDocx(writeDocx(draft));
    const parse = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
    type Style = {
      styleId: string;
      "w:rPr": { "w:rFonts": { "w:eastAsia": string }; "w:sz": { "w:val": string } };
    };
    const styles = parse.parse(parts["word/styles.xml"] ?? "")["w:styles"]["w:style"] as Style[];
    const font = (id: string) => {
      const style = styles.find((s) => s["w:styleId" as "styleId"] === id) ?? expect.fail(id);
      return [style["w:rPr"]["w:rFonts"]["w:eastAsia"], Number(style["w:rPr"]["w:sz"]["w:val"]) / 2];
    };
    expect(font("title")).toEqual(["方正小标宋简体", 22]);
    expect(font("body")).toEqual(["仿宋_GB2312", 16]);
    expect(font("heading1")).toEqual(["黑体", 16]);
    expect(font("heading2")).toEqual(["楷体_GB2312", 16]);
    expect(font("tableText")).toEqual(["仿宋_GB2312", 12]);
    // Fixed line spacing of 28.95 pt, and a first-line indent of two characters.
    expect(parts["word/styles.xml"]).toContain('w:line="579" w:lineRule="exact"');
    expect(parts["word/styles.xml"]).toContain('w:firstLineChars="200"');
    type Font = { name: string; "w:altName"?: { "w:val": string } };
    const fonts = parse.parse(parts["word/fontTable.xml"] ?? "")["w:fonts"]["w:font"] as Font[];
    const alt = Object.fromEntries(fonts.map((f) => [f["w:name" as "name"], f["w:altName"]?.["w:val"]]));
    expect(alt).toMatchObject({
      方正小标宋简体: "华文中宋",
      华文中宋: "宋体",
      仿宋_GB2312: "仿宋",
      仿宋: "FangSong",
      楷体_GB2312: "楷体",
      黑体: "SimHei",
    });
  });
});
