import { unzipSync } from "fflate";
import { InputError } from "../shared/errors.js";
import { type DocxNumbering, readDocxNumbering } from "./docx-numbering.js";
import { type DocxStyles, readDocxStyles, readNumberingRef, readRunFormat } from "./docx-styles.js";
import { attrOf, childrenOf, findChild, parseXml, tagOf, textOf, type XmlNode } from "./docx-xml.js";
import type { SourceLine } from "./source-line.js";
import type { TableRow } from "./table-row.js";

const DOCUMENT = "word/document.xml";
const STYLES = "word/styles.xml";
const NUMBERING = "word/numbering.xml";

/** Content that is not part of the current text: deletions, moved-away text, drawings and their text boxes. */
const SKIP = new Set(["w:pPr", "w:rPr", "w:del", "w:moveFrom", "mc:AlternateContent", "w:drawing", "w:pict"]);

/**
 * Reads a .docx into lines: one per paragraph, in body order, including paragraphs inside table
 * cells (some notices are laid out as a table). `bold[i]` marks characters set in bold or in 黑体,
 * which is how a notice marks its host units (黑体为主办单位).
 */
export function readDocxLines(bytes: Uint8Array, name: string): SourceLine[] {
  return readDocx(bytes, name).lines;
}

/** A Word table: its rows (numbered by the paragraph line of their first cell) and the lines above it. */
export interface DocxTable {
  rows: TableRow[];
  /** Index into `lines` of the table's first paragraph. */
  firstLine: number;
}

/**
 * The .docx as lines (see readDocxLines) and as tables: each top-level table's rows with cells
 * continued by a vertical merge (w:vMerge) carrying the text above, and a cell spanning columns
 * (w:gridSpan) followed by empty ones, so columns stay under their header.
 */
export function readDocx(bytes: Uint8Array, name: string): { lines: SourceLine[]; tables: DocxTable[] } {
  const files = unzipDocx(bytes, name);
  // A damaged styles or numbering part costs formatting, not the text: read on without it.
  const styles = orElse(
    () => readDocxStyles(files.styles),
    () => readDocxStyles(undefined),
  );
  const numbering = orElse(
    () => readDocxNumbering(files.numbering),
    () => readDocxNumbering(undefined),
  );
  let nodes: XmlNode[];
  try {
    nodes = parseXml(files.document);
  } catch (cause) {
    throw new InputError(
      `${name}: ${DOCUMENT} is not well-formed XML. Fix: open the file in Word or WPS and save it again.`,
      { cause, reason: "docx-broken" },
    );
  }
  const lines: SourceLine[] = [];
  const tables: DocxTable[] = [];
  const visit = (list: XmlNode[]): void => {
    for (const node of list) {
      const tag = tagOf(node);
      if (tag === "w:p") lines.push(readParagraph(node, { styles, numbering }, lines.length + 1));
      else if (tag === "w:tbl") tables.push(readTable(node, lines, visit));
      else if (!SKIP.has(tag)) visit(childrenOf(node));
    }
  };
  visit(nodes);
  return { lines, tables };
}

/** Reads a table's paragraphs into `lines` (as before) and its grid into rows. */
function readTable(table: XmlNode, lines: SourceLine[], visit: (list: XmlNode[]) => void): DocxTable {
  const firstLine = lines.length;
  const rows: TableRow[] = [];
  let above: string[] = [];
  for (const tr of childrenOf(table).filter((n) => tagOf(n) === "w:tr")) {
    const cells: string[] = [];
    const bold: (readonly boolean[] | undefined)[] = [];
    let row = 0;
    for (const tc of childrenOf(tr).filter((n) => tagOf(n) === "w:tc")) {
      const tcPr = findChild(tc, "w:tcPr");
      const span = Math.max(
        1,
        Math.min(63, Number(attrOf(findChild(tcPr, "w:gridSpan"), "w:val") ?? 1) || 1),
      );
      const vMerge = findChild(tcPr, "w:vMerge");
      const from = lines.length;
      visit(childrenOf(tc));
      const paragraphs = lines.slice(from);
      if (row === 0 && paragraphs[0]) row = paragraphs[0].line;
      const col = cells.length;
      const continued = vMerge !== undefined && (attrOf(vMerge, "w:val") ?? "continue") === "continue";
      const text = paragraphs.map((p) => p.text).join("\n");
      const cellBold = paragraphs.flatMap((p, i) => [...(i > 0 ? [false] : []), ...(p.bold ?? [])]);
      cells.push(continued && text.trim() === "" ? (above[col] ?? "") : text);
      bold.push(continued || !cellBold.some(Boolean) ? undefined : cellBold);
      for (let k = 1; k < span; k++) {
        cells.push("");
        bold.push(undefined);
      }
    }
    above = cells;
    if (cells.some((c) => c.trim() !== "")) {
      rows.push({ row: row || lines.length, cells, ...(bold.some(Boolean) ? { bold } : {}) });
    }
  }
  return { rows, firstLine };
}

function unzipDocx(
  bytes: Uint8Array,
  name: string,
): { document: string; styles?: string; numbering?: string } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (file) => [DOCUMENT, STYLES, NUMBERING].includes(file.name) });
  } catch (cause) {
    throw new InputError(
      `${name}: not a .docx file (it is not a zip archive). Fix: open it in Word or WPS and save it as .docx (Word 2007 or later), or import it as text.`,
      { cause, reason: "docx-broken" },
    );
  }
  const document = entries[DOCUMENT];
  if (!document) {
    throw new InputError(
      `${name}: the archive has no ${DOCUMENT}, so it is not a Word document. Fix: save it as .docx.`,
      { reason: "docx-broken" },
    );
  }
  const decode = (part: string) => {
    const bytes = entries[part];
    return bytes ? new TextDecoder("utf-8").decode(bytes) : undefined;
  };
  return { document: decode(DOCUMENT) ?? "", styles: decode(STYLES), numbering: decode(NUMBERING) };
}

function readParagraph(
  paragraph: XmlNode,
  { styles, numbering }: { styles: DocxStyles; numbering: DocxNumbering },
  line: number,
): SourceLine {
  const pPr = findChild(paragraph, "w:pPr");
  const paragraphStyle = attrOf(findChild(pPr, "w:pStyle"), "w:val");
  let text = "";
  const bold: boolean[] = [];
  const append = (piece: string, isBold: boolean) => {
    text += piece;
    // One flag per UTF-16 code unit, so that indices into `text` find their flag.
    for (let i = 0; i < piece.length; i++) bold.push(isBold);
  };
  const direct = readNumberingRef(pPr);
  const inherited = styles.numberingOf(paragraphStyle);
  const numId = direct.numId ?? inherited.numId;
  if (numId !== undefined && numId !== "0") {
    append(numbering.next(numId, direct.level ?? inherited.level ?? 0), false);
  }
  const visit = (list: XmlNode[]): void => {
    for (const node of list) {
      const tag = tagOf(node);
      if (tag === "w:r") {
        const rPr = findChild(node, "w:rPr");
        const characterStyle = attrOf(findChild(rPr, "w:rStyle"), "w:val");
        const isBold = styles.isBold(paragraphStyle, characterStyle, readRunFormat(rPr));
        append(runText(node), isBold);
      } else if (!SKIP.has(tag) && tag !== "w:p") {
        // Hyperlinks, insertions, smart tags, content controls and simple fields hold runs too.
        visit(childrenOf(node));
      }
    }
  };
  visit(childrenOf(paragraph));
  return { text, line, bold };
}

/** A run's text: w:t as written, a tab for w:tab; line breaks join (Chinese needs no space). */
function runText(run: XmlNode): string {
  let text = "";
  for (const child of childrenOf(run)) {
    const tag = tagOf(child);
    if (tag === "w:t") text += textOf(child);
    else if (tag === "w:tab") text += "\t";
    else if (tag === "w:noBreakHyphen") text += "-";
  }
  return text;
}

function orElse<T>(read: () => T, fallback: () => T): T {
  try {
    return read();
  } catch {
    return fallback();
  }
}
