import { XMLValidator } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { expect } from "vitest";
import {
  attrOf,
  childrenOf,
  findChild,
  textOf as ownText,
  parseXml,
  tagOf,
  type XmlNode,
} from "../../src/registry/docx-xml.js";

export interface DocxContent {
  /** Every part, as text. */
  parts: Record<string, string>;
  /** The body in order: paragraphs (style and text) and tables (rows of cell texts, header first). */
  body: (
    | { kind: "paragraph"; style: string; text: string }
    | { kind: "table"; rows: string[][]; headerRows: number }
  )[];
  paragraphs: { style: string; text: string }[];
  tables: string[][][];
}

/** The text under a node, with the import's own reader (src/registry/docx-xml.ts); w:br is a line break. */
function textOf(node: XmlNode): string {
  const tag = tagOf(node);
  if (tag === "w:t") return ownText(node);
  if (tag === "w:br") return "\n";
  // A paragraph's own properties carry no text; w:instrText is a field code.
  if (tag === "w:pPr" || tag === "w:rPr" || tag === "w:instrText") return "";
  return childrenOf(node).map(textOf).join("");
}

/**
 * Unzips a .docx with fflate and reads it as Word would: every part well-formed XML and listed in
 * [Content_Types].xml (by override or by its extension's default), then the body of
 * word/document.xml as paragraphs and tables.
 */
export function readDocx(bytes: Uint8Array): DocxContent {
  const parts = Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]),
  );
  for (const [name, xml] of Object.entries(parts)) expect(XMLValidator.validate(xml), name).toBe(true);
  const types = parts["[Content_Types].xml"] ?? "";
  for (const name of Object.keys(parts)) {
    if (name === "[Content_Types].xml") continue;
    const extension = name.split(".").at(-1);
    const listed = types.includes(`PartName="/${name}"`) || types.includes(`Extension="${extension}"`);
    expect(listed, `${name} has no content type`).toBe(true);
  }
  const root = parseXml(parts["word/document.xml"] ?? "").find((n) => tagOf(n) === "w:document");
  const bodyNode = findChild(root, "w:body") ?? expect.fail("no w:body");
  const body: DocxContent["body"] = [];
  for (const node of childrenOf(bodyNode)) {
    const tag = tagOf(node);
    if (tag === "w:p") {
      const style = attrOf(findChild(findChild(node, "w:pPr"), "w:pStyle"), "w:val") ?? "";
      body.push({ kind: "paragraph", style, text: textOf(node) });
    } else if (tag === "w:tbl") {
      const rows = childrenOf(node).filter((n) => tagOf(n) === "w:tr");
      const headerRows = rows.filter((r) => {
        return findChild(findChild(r, "w:trPr"), "w:tblHeader") !== undefined;
      }).length;
      body.push({
        kind: "table",
        headerRows,
        rows: rows.map((r) =>
          childrenOf(r)
            .filter((n) => tagOf(n) === "w:tc")
            .map(textOf),
        ),
      });
    }
  }
  return {
    parts,
    body,
    paragraphs: body.flatMap((b) =>
      b.kind === "paragraph" && b.text !== "" ? [{ style: b.style, text: b.text }] : [],
    ),
    tables: body.flatMap((b) => (b.kind === "table" ? [b.rows] : [])),
  };
}
