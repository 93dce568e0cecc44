import type { TableRow } from "./table-row.js";

/** What a task table's column holds. */
export type ColumnKind = "no" | "task" | "leaders" | "units" | "coUnits" | "deadline" | "section";

/** A task table's header: where it is and which columns hold what. */
export interface TableHeader {
  /** Index (into the rows) of the header's first row. */
  start: number;
  /** Index of the header's last row (a header may take two rows); tasks start below it. */
  end: number;
  /** The header's last row as numbered in the file. */
  row: number;
  /** Header text per column, cleaned (spaces, line breaks and bracketed notes removed). */
  names: string[];
  /** Columns whose header carries a note on bold type ("牵头单位（黑体为主办）"). */
  boldNote?: number[];
  /** Column indexes per kind, left to right. */
  columns: Record<ColumnKind, number[]>;
}

/** Synonyms, tried in order: 任务类别 is a section before it is a task, 牵头领导 a leader before a unit. */
const KINDS: ReadonlyArray<readonly [ColumnKind, RegExp]> = [
  ["no", /^(序号|编号|序|no\.?)$/i],
  ["section", /^(任务|工作)?(类别|分类|板块|章节|类型|领域|篇章)$/],
  ["leaders", /领导/],
  ["coUnits", /配合|协办|协助|参与|协同/],
  ["units", /(承办|责任|牵头|主办|主责|落实|实施)(单位|部门|主体)|^(单位|部门)$/],
  ["deadline", /时限|时间节点|时间要求|完成时间|完成期限|完成日期|截止(时间|日期)|^(时间|期限|节点)$/],
  ["task", /任务|工作内容|目标|内容|事项|举措|措施/],
];

/** Header cells are short; a longer cell is data, whatever words it contains. */
const MAX_HEADER_LENGTH = 20;
/** The header is looked for among this many non-empty rows (a title and notes may come first). */
export const HEADER_SCAN_ROWS = 10;

/** "牵头单位（黑体为主办）" → "牵头单位"; "完成\n时限" → "完成时限". */
export function cleanHeader(text: string): string {
  return text.replace(/[（(【[][^）)】\]]*[）)】\]]/g, "").replace(/[\s\u3000:：*＊]/g, "");
}

export function columnKind(header: string): ColumnKind | undefined {
  const name = cleanHeader(header);
  if (name === "" || name.length > MAX_HEADER_LENGTH) return undefined;
  return KINDS.find(([, pattern]) => pattern.test(name))?.[0];
}

/**
 * Finds the header among the first rows: a row naming a task column and at least one other
 * known column. A second header row right below (责任单位 split into 牵头单位 | 配合单位) refines it.
 */
export function findHeaderRow(rows: readonly TableRow[], scan = HEADER_SCAN_ROWS): TableHeader | undefined {
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const raw = (rows[i] as TableRow).cells;
    const names = raw.map(cleanHeader);
    const known = new Set(names.map(columnKind).filter((kind) => kind !== undefined));
    if (!known.has("task") || known.size < 2) continue;
    const next = rows[i + 1];
    if (next && isSubHeader(next)) {
      const merged = names.map((name, c) => cleanHeader(next.cells[c] ?? "") || name);
      for (let c = names.length; c < next.cells.length; c++) merged.push(cleanHeader(next.cells[c] ?? ""));
      return withNotes(build(i, i + 1, next.row, merged), [...raw, ...next.cells]);
    }
    return withNotes(build(i, i, (rows[i] as TableRow).row, names), raw);
  }
  return undefined;
}

function isSubHeader(row: TableRow): boolean {
  const filled = row.cells.filter((cell) => cell.trim() !== "");
  return filled.length > 0 && filled.every((cell) => columnKind(cell) !== undefined);
}

function withNotes(header: TableHeader, raw: readonly string[]): TableHeader {
  const boldNote = header.names
    .map((_, c) => c)
    .filter(
      (c) =>
        /(黑体|加粗|粗体)/.test(raw[c] ?? "") || /(黑体|加粗|粗体)/.test(raw[c + header.names.length] ?? ""),
    );
  return boldNote.length > 0 ? { ...header, boldNote } : header;
}

function build(start: number, end: number, row: number, names: string[]): TableHeader {
  const columns: Record<ColumnKind, number[]> = {
    no: [],
    task: [],
    leaders: [],
    units: [],
    coUnits: [],
    deadline: [],
    section: [],
  };
  names.forEach((name, c) => {
    const kind = columnKind(name);
    if (kind) columns[kind].push(c);
  });
  return { start, end, row, names, columns };
}
