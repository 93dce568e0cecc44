/**
 * What a 公文 draft is made of, as the writer lays it out (GB/T 9704-2012): each paragraph style
 * is one of the styles in styles.xml (docx-styles.ts).
 * - `title`: 二号 方正小标宋简体, centred;
 * - `docNo`: the 文号 line (督考办〔2021〕X号), 三号 仿宋, centred;
 * - `body`: 三号 仿宋_GB2312, first line indented two characters;
 * - `heading1`: 黑体 "一、…"; `heading2`: 楷体_GB2312 "（一）…", indented as the body;
 * - `salutation`: the body's font flush left (主送机关 "各镇街、区直各部门：");
 * - `signature`: the issuing organ and the date, right-aligned with four characters' room.
 */
export type ParagraphStyle =
  | "title"
  | "docNo"
  | "body"
  | "heading1"
  | "heading2"
  | "salutation"
  | "signature";

export interface ParagraphBlock {
  kind: "paragraph";
  style: ParagraphStyle;
  text: string;
}

/**
 * A bordered table in 仿宋 小四, its header row repeated on every page. `widths`: the columns'
 * relative widths (the table fills the text width); `center`: the columns whose cells are centred
 * (numbers, ranks), the others flush left.
 */
export interface TableBlock {
  kind: "table";
  header: string[];
  rows: string[][];
  widths: number[];
  center?: boolean[];
}

export type Block = ParagraphBlock | TableBlock;

export const paragraph = (style: ParagraphStyle, text: string): ParagraphBlock => ({
  kind: "paragraph",
  style,
  text,
});

export const table = (
  columns: { header: string; width: number; center?: boolean }[],
  rows: string[][],
): TableBlock => ({
  kind: "table",
  header: columns.map((c) => c.header),
  rows,
  widths: columns.map((c) => c.width),
  center: columns.map((c) => c.center === true),
});

/** The draft: its blocks, and what docProps/core.xml says of it. */
export interface DocxDraft {
  title: string;
  blocks: Block[];
  /** When it was made (docProps/core.xml dcterms:created). */
  created: Date;
}
