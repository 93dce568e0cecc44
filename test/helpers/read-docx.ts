import { XMLParser, XMLValidator } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { expect } from "vitest";

/** A node of fast-xml-parser's ordered output: one tag with its children, and its attributes. */
type XmlNode = Record<string, unknown> & { ":@"?: Record<string, string> };

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

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

const tagOf = (node: XmlNode) => Object.keys(node).find((k) => k !== ":@") ?? "";
const childrenOf = (node: XmlNode) => (node[tagOf(node)] as XmlNode[]) ?? [];

function textOf(node: XmlNode): string {
  const tag = tagOf(node);
  if (tag === "#text") return String(node["#text"]);
  if (tag === "w:br") return "\n";
  // A paragraph's own properties carry no text; w:instrText is a field code.
  if (tag === "w:pPr" || tag === "w:rPr" || tag === "w:instrText") return "";
  return childrenOf(node).map(textOf).join("");
}

function find(nodes: XmlNode[], tag: string): XmlNode | undefined {
  return nodes.find((n) => tagOf(n) === tag);
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
  const document = parser.parse(parts["word/document.xml"] ?? "") as XmlNode[];
  const root = find(document, "w:document") ?? expect.fail("no w:document");
  const bodyNode = find(childrenOf(root), "w:body") ?? expect.fail("no w:body");
  const body: DocxContent["body"] = [];
  for (const node of childrenOf(bodyNode)) {
    const tag = tagOf(node);
    if (tag === "w:p") {
      const pPr = find(childrenOf(node), "w:pPr");
      const style = (pPr && find(childrenOf(pPr), "w:pStyle")?.[":@"]?.["w:val"]) ?? "";
      body.push({ kind: "paragraph", style, text: textOf(node) });
    } else if (tag === "w:tbl") {
      const rows = childrenOf(node).filter((n) => tagOf(n) === "w:tr");
      const headerRows = rows.filter((r) => {
        const trPr = find(childrenOf(r), "w:trPr");
        return trPr !== undefined && find(childrenOf(trPr), "w:tblHeader") !== undefined;
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
