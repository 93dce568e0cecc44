import type { TableHeader } from "./table-headers.js";
import type { TableRow } from "./table-row.js";

/** 一、… / 一. … / 第一部分 … as a chapter; a title with 。 or ； is a sentence, not a heading. */
const CHAPTER = /^(?:第)?([一二三四五六七八九十]{1,3})(?:[、.．]|部分|章|篇)\s*(.{1,40})$/;
const SUBHEADING = /^[（(]([一二三四五六七八九十]{1,3})[）)]\s*([^。；]{1,40})$/;
const NUMERAL = /^[一二三四五六七八九十]{1,3}[、.．]?$/;

/** A chapter row (一、… alone, or 一 | title) or a sub-heading row (（一）… alone). */
export function readTableHeading(
  row: TableRow,
  header: TableHeader,
): { no: string; title: string } | { title: string } | undefined {
  const filled = row.cells.map((cell, c) => ({ text: cell.trim(), c })).filter((cell) => cell.text !== "");
  const [first, second] = filled;
  if (filled.length === 1 && first) {
    const chapter = CHAPTER.exec(first.text);
    if (chapter && !/[。；]/.test(chapter[2] ?? "")) {
      return { no: chapter[1] ?? "", title: (chapter[2] ?? "").trim() };
    }
    const sub = SUBHEADING.exec(first.text);
    if (sub) return { title: (sub[2] ?? "").trim() };
  }
  // 序号 "一" with the chapter's title in the next cell.
  if (
    filled.length === 2 &&
    first &&
    second &&
    header.columns.no.includes(first.c) &&
    NUMERAL.test(first.text)
  ) {
    return { no: first.text.replace(/[、.．]$/, ""), title: second.text };
  }
  return undefined;
}

/** A 类别 cell: "二、抓好疫情防控" or just "疫情防控" (no numeral: "" → numbered by order). */
export function readSectionCell(text: string): { no: string; title: string } {
  const chapter = CHAPTER.exec(text);
  return chapter ? { no: chapter[1] ?? "", title: (chapter[2] ?? "").trim() } : { no: "", title: text };
}
