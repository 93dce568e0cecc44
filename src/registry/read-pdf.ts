import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { InputError } from "../shared/errors.js";
import type { SourceLine } from "./source-line.js";

/** Fewer visible characters than this per page: the PDF is a scan (images of pages), not text. */
const MIN_CHARS_PER_PAGE = 10;

const PAGE_NUMBER = /^[—\-－–]\s*\d{1,4}\s*[—\-－–]$|^第\s*\d{1,4}\s*页(?:\s*共\s*\d{1,4}\s*页)?$/;

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/**
 * Reads a text PDF into lines in reading order: the text pieces of each page sorted top to bottom,
 * then left to right (a PDF stores them in whatever order its producer drew them). A PDF without a
 * text layer (a scan) is refused: it needs OCR, which this importer does not do.
 *
 * pdf.js (pdfjs-dist) is loaded only when a PDF is imported; its character maps ship with the
 * package, so Chinese fonts that rely on the standard Adobe-GB1 maps read without any download.
 */
export async function readPdfLines(bytes: Uint8Array, name: string): Promise<SourceLine[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const packageDir = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
  try {
    document = await pdfjs.getDocument({
      // pdf.js takes ownership of the buffer it is given.
      data: new Uint8Array(bytes),
      cMapUrl: `${join(packageDir, "cmaps")}/`,
      cMapPacked: true,
      standardFontDataUrl: `${join(packageDir, "standard_fonts")}/`,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (cause) {
    const reason =
      (cause as Error).name === "PasswordException" ? "it is password-protected" : "it is damaged";
    throw new InputError(
      `${name}: the PDF cannot be opened (${reason}). Fix: import the .docx or a text copy of the notice.`,
      { cause, reason: "pdf-broken" },
    );
  }
  const lines: SourceLine[] = [];
  let visible = 0;
  try {
    for (let p = 1; p <= document.numPages; p++) {
      const page = await document.getPage(p);
      const content = await page.getTextContent();
      const items = (content.items as TextItem[]).filter(
        (item) => typeof item.str === "string" && item.str !== "",
      );
      for (const text of pageLines(items)) {
        visible += text.replace(/\s/g, "").length;
        // Page numbers ("— 3 —", "-3-", "第3页") would otherwise join the task they interrupt.
        if (PAGE_NUMBER.test(text)) continue;
        lines.push({ text, line: lines.length + 1 });
      }
      page.cleanup();
    }
  } finally {
    await document.destroy();
  }
  if (visible < MIN_CHARS_PER_PAGE * document.numPages) {
    throw new InputError(
      `${name}: this PDF has no text layer (it looks scanned: its pages are images), so the notice cannot be read. Fix: import the .docx or a text copy of the notice, or run it through OCR and import the text.`,
      { reason: "pdf-scanned" },
    );
  }
  return lines;
}

/** Groups a page's pieces into lines (same baseline, within half a character), top to bottom. */
function pageLines(items: readonly TextItem[]): string[] {
  const placed = items.map((item) => ({
    text: item.str,
    x: item.transform[4] ?? 0,
    y: item.transform[5] ?? 0,
    width: item.width,
    size: Math.max(1, Math.abs(item.transform[3] ?? item.height) || item.height || 10),
  }));
  placed.sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: (typeof placed)[] = [];
  for (const item of placed) {
    const row = rows.at(-1);
    const first = row?.[0];
    if (row && first && Math.abs(first.y - item.y) < Math.min(first.size, item.size) / 2) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = "";
    let end: number | undefined;
    for (const item of row) {
      // A gap of more than two characters separates columns; closer pieces belong together.
      if (end !== undefined && item.x - end > item.size * 2) text += "  ";
      text += item.text;
      end = item.x + item.width;
    }
    return text.trim();
  });
}
