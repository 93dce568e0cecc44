import { escapeXml } from "../../shared/xml-text.js";
import type { Block, ParagraphBlock, TableBlock } from "./docx-blocks.js";

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/**
 * A4 with the margins of GB/T 9704-2012 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in
 * twentieths of a point; the text width is what a table fills.
 */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

/** One run of text; a line break in the text becomes a w:br. */
function runs(text: string): string {
  return text
    .split("\n")
    .map(
      (line, i) => `<w:r>${i > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r>`,
    )
    .join("");
}

function paragraphXml(block: ParagraphBlock): string {
  return `<w:p><w:pPr><w:pStyle w:val="${block.style}"/></w:pPr>${runs(block.text)}</w:p>`;
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';

function tableXml(block: TableBlock): string {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const cell = (text: string, column: number, header: boolean) => {
    const jc = header || block.center?.[column] ? '<w:jc w:val="center"/>' : "";
    const bold = header ? "<w:rPr><w:b/></w:rPr>" : "";
    return (
      `<w:tc><w:tcPr><w:tcW w:w="${widths[column] ?? 0}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>` +
      `<w:p><w:pPr><w:pStyle w:val="tableText"/>${jc}${bold}</w:pPr>` +
      `${header ? runs(text).replaceAll("<w:r>", "<w:r><w:rPr><w:b/></w:rPr>") : runs(text)}</w:p></w:tc>`
    );
  };
  const row = (cells: string[], header: boolean) =>
    `<w:tr>${header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>"}` +
    `${block.header.map((_, i) => cell(cells[i] ?? "", i, header)).join("")}</w:tr>`;
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
    .map((b) => `<w:${b} ${BORDER}/>`)
    .join("");
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>` +
    `${row(block.header, true)}${block.rows.map((r) => row(r, false)).join("")}</w:tbl>` +
    // Word needs a paragraph between two tables, and one after a table that ends a cell or the body.
    '<w:p><w:pPr><w:pStyle w:val="tableText"/></w:pPr></w:p>'
  );
}

/** word/document.xml: the blocks, then the page set-up with the footer (page numbers). */
export function documentXml(blocks: readonly Block[], footerId: string): string {
  const body = blocks.map((b) => (b.kind === "paragraph" ? paragraphXml(b) : tableXml(b))).join("");
  const section =
    `<w:sectPr><w:footerReference w:type="default" r:id="${footerId}"/>` +
    `<w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/>` +
    `<w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" ` +
    'w:header="851" w:footer="992" w:gutter="0"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="0"/></w:sectPr>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body}${section}</w:body></w:document>`;
}

/** word/footer1.xml: the page number as 公文 print it, "— 1 —", centred. */
export function footerXml(): string {
  const text = (t: string) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr ${NS}><w:p><w:pPr><w:pStyle w:val="footer"/></w:pPr>` +
    `${text("— ")}<w:fldSimple w:instr=" PAGE ">${text("1")}</w:fldSimple>${text(" —")}</w:p></w:ftr>`
  );
}
