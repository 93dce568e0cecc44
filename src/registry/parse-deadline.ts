import { readSmallNumber } from "./chinese-numerals.js";

/**
 * Deadlines as notices write them, resolved against the notice's year:
 *   年内 / 年底前 / 持续推进 / 长期坚持 / 全年       → 31 December
 *   N月底前 / N月底 / N月末                          → last day of month N
 *   三季度末 / 第二季度末 / 二季度                   → last day of that quarter
 *   上半年 / 年中 → 30 June; 下半年 → 31 December
 *   YYYY年M月D日前 / M月D日前 / YYYY年M月底前 / YYYY年底前 → that day
 */
export function parseDeadline(text: string, year: number): string | undefined {
  // "年底前完成", "于6月底前建成": the verb and the preposition say nothing about the date.
  const t = text
    .replace(/[\s\u3000]/g, "")
    .replace(/[。；;，,]$/, "")
    .replace(/^(?:于|在|力争|确保)/, "")
    .replace(/(?:全面)?(?:完成|完工|建成|到位|实现|见效|投用|投产|办结)$/, "");
  if (t === "") return undefined;
  let m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:前|以前|之前)?$/.exec(t);
  if (m) return isoDate(m[1] ? Number(m[1]) : year, Number(m[2]), Number(m[3]));
  // "2024年12月" (a month with its year) means the month's end, as "12月底" does.
  m =
    /^(?:(\d{4})年)?(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份)(?:前|以前|之前)?$/.exec(t) ??
    /^(\d{4})年(\d{1,2})月(?:前|以前|之前)?$/.exec(t);
  if (m) {
    const month = readSmallNumber(m[2] ?? "");
    if (month !== undefined) return monthEnd(m[1] ? Number(m[1]) : year, month);
  }
  m = /^(?:(\d{4})年)?(?:第)?([一二三四1-4])季度(?:末|底)?(?:前|以前|之前)?$/.exec(t);
  if (m) {
    const quarter = readSmallNumber(m[2] ?? "");
    if (quarter !== undefined) return monthEnd(m[1] ? Number(m[1]) : year, quarter * 3);
  }
  m = /^(?:(\d{4})年)?(上半年|年中)(?:末|底)?(?:前|以前|之前)?$/.exec(t);
  if (m) return isoDate(m[1] ? Number(m[1]) : year, 6, 30);
  m = /^(\d{4})年(?:底|末)?(?:前|以前|之前)?$/.exec(t);
  if (m) return isoDate(Number(m[1]), 12, 31);
  if (
    /^(年内|年底前?|年末|全年|下半年|持续推进|长期坚持|长期推进|持续开展|常态化推进|常态推进|长期|年度内|全年推进|每月|按月|每季度|按季度|每年)$/.test(
      t,
    )
  ) {
    return isoDate(year, 12, 31);
  }
  return undefined;
}

/** Deadline phrases inside a task's sentence ("6月底前完成", "三季度末前建成"); the latest one wins. */
const IN_TEXT =
  /((?:\d{4}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末)前?|(?:\d{4}年)?\d{1,2}月\d{1,2}日前|(?:第)?[一二三四]季度(?:末|底)前?|\d{4}年底前)/g;

export function findDeadlineInText(text: string, year: number): { date: string; text: string } | undefined {
  let best: { date: string; text: string } | undefined;
  for (const match of text.matchAll(IN_TEXT)) {
    const phrase = match[1] ?? "";
    const date = parseDeadline(phrase, year);
    if (date && (!best || date > best.date)) best = { date, text: phrase };
  }
  return best;
}

/**
 * The first dated milestone of a deadline written in stages ("分阶段，1月底前完成方案；其它事项12月底前"):
 * the first date the words give, in the order written.
 */
export function findFirstDeadline(text: string, year: number): string | undefined {
  for (const match of text.matchAll(IN_TEXT)) {
    const date = parseDeadline(match[1] ?? "", year);
    if (date) return date;
  }
  return undefined;
}

export function yearEnd(year: number): string {
  return `${String(year).padStart(4, "0")}-12-31`;
}

function monthEnd(year: number, month: number): string | undefined {
  if (month < 1 || month > 12) return undefined;
  return isoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return date.toISOString().slice(0, 10);
}
