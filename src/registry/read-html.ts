import type { SourceLine } from "./source-line.js";
import type { TableRow } from "./table-row.js";

/** A saved web page, in reading order: its text lines and its tables (merged cells filled in). */
export type HtmlBlock = { kind: "line"; line: SourceLine } | { kind: "table"; rows: TableRow[] };

/** Elements that end a line of text. */
const BLOCK = new Set([
  "p",
  "div",
  "br",
  "li",
  "ul",
  "ol",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "section",
  "article",
  "blockquote",
  "pre",
  "table",
  "tr",
  "hr",
  "center",
  "dd",
  "dt",
]);
const ENTITIES: Record<string, string> = {
  nbsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  middot: "·",
  times: "×",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
};

interface Cell {
  text: string;
  rowspan: number;
  colspan: number;
}

/**
 * Reads an .html/.htm page as offices publish notices: paragraphs become lines, tables become rows
 * with rowspan/colspan cells carried into every row and column they cover (a merged 分管领导 cell
 * counts for each task it spans). Scripts, styles, comments and the <title> are skipped.
 */
export function readHtml(html: string): HtmlBlock[] {
  const lineStarts = [0];
  for (let i = 0; i < html.length; i++) if (html[i] === "\n") lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const blocks: HtmlBlock[] = [];
  let text = "";
  let textLine = 0;
  const flush = () => {
    const clean = text.replace(/[ \t\r\n\u3000\u00a0]+/g, " ").trim();
    if (clean !== "") blocks.push({ kind: "line", line: { text: clean, line: textLine } });
    text = "";
  };
  let tableDepth = 0;
  let grid: { row: number; cells: Cell[] }[] = [];
  let cell: Cell | undefined;
  let skip: string | undefined;

  const body = html.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, " "));
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g)) {
    const [, closing, rawTag, attrs = "", content] = match;
    const at = match.index;
    if (content !== undefined) {
      if (skip) continue;
      const decoded = decodeEntities(content);
      if (cell) cell.text += decoded;
      else if (tableDepth === 0) {
        if (text.trim() === "") textLine = lineAt(at + (content.length - content.trimStart().length));
        text += decoded;
      }
      continue;
    }
    const tag = (rawTag ?? "").toLowerCase();
    if (skip) {
      if (closing && tag === skip) skip = undefined;
      continue;
    }
    if (!closing && (tag === "script" || tag === "style" || tag === "title")) {
      skip = tag;
      continue;
    }
    if (tag === "table") {
      if (!closing) {
        if (tableDepth === 0) {
          flush();
          grid = [];
        }
        tableDepth++;
      } else if (tableDepth > 0) {
        tableDepth--;
        if (tableDepth === 0) blocks.push({ kind: "table", rows: expandGrid(grid) });
      }
      continue;
    }
    if (tableDepth > 1) {
      // A table inside a cell: its text belongs to the outer cell.
      if (cell && BLOCK.has(tag)) cell.text += "\n";
      continue;
    }
    if (tableDepth === 1) {
      if (tag === "tr" && !closing) grid.push({ row: lineAt(at), cells: [] });
      else if ((tag === "td" || tag === "th") && !closing) {
        cell = { text: "", rowspan: spanOf(attrs, "rowspan"), colspan: spanOf(attrs, "colspan") };
        grid.at(-1)?.cells.push(cell);
      } else if ((tag === "td" || tag === "th") && closing) cell = undefined;
      else if (cell && BLOCK.has(tag)) cell.text += "\n";
      continue;
    }
    if (BLOCK.has(tag)) flush();
  }
  flush();
  return blocks;
}

/** Rows of cell texts, each merged cell's text repeated in every row it spans. */
function expandGrid(grid: readonly { row: number; cells: Cell[] }[]): TableRow[] {
  const carried = new Map<number, { text: string; left: number }>();
  const rows: TableRow[] = [];
  for (const { row, cells } of grid) {
    const out: string[] = [];
    let col = 0;
    const fillCarried = () => {
      for (let c = carried.get(col); c && c.left > 0; c = carried.get(col)) {
        out[col] = c.text;
        c.left--;
        col++;
      }
    };
    for (const cell of cells) {
      fillCarried();
      const text = cleanCell(cell.text);
      for (let k = 0; k < cell.colspan; k++) {
        out[col + k] = k === 0 ? text : "";
        if (cell.rowspan > 1) carried.set(col + k, { text: k === 0 ? text : "", left: cell.rowspan - 1 });
      }
      col += cell.colspan;
    }
    fillCarried();
    rows.push({ row, cells: Array.from(out, (c) => c ?? "") });
  }
  return rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

function cleanCell(text: string): string {
  return text
    .split("\n")
    .map((part) => part.replace(/[ \t\r\u3000\u00a0]+/g, " ").trim())
    .filter((part) => part !== "")
    .join("\n");
}

function spanOf(attrs: string, name: string): number {
  const value = Number(new RegExp(`${name}\\s*=\\s*["']?(\\d+)`, "i").exec(attrs)?.[1] ?? 1);
  return Number.isInteger(value) && value >= 1 && value <= 1000 ? value : 1;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) => {
    const code = name.startsWith("#x")
      ? Number.parseInt(name.slice(2), 16)
      : name.startsWith("#")
        ? Number(name.slice(1))
        : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
