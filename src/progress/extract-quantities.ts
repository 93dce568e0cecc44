import { readChineseNumber } from "../registry/chinese-numerals.js";

/** A number in a reply, with what follows it and the clause it stands in. */
export interface Quantity {
  value: number;
  /**
   * The number as written, with 余/多 if present ("4200余", "四千二百"); for a percentage, with
   * its sign ("2.9%", "百分之三", "3成").
   */
  written: string;
  /** Whether the number is a percentage: "2.9%", "百分之三", "3成" (30). */
  percent: boolean;
  /**
   * The text right after the number (and 余/多, and the % sign): where its unit starts
   * ("人，失业率2.9%"). A scale that closes the number stays here with the unit: "1.2万人" is
   * 1.2 with tail "万人", and "两千人" 2 with tail "千人", as matchUnit reads units on another scale.
   */
  tail: string;
  /** The clause around it, between separators ("已新增就业4200人"). */
  clause: string;
}

const DIGITS = "零〇一二两三四五六七八九";
/** An Arabic number ("4,200", "2.9") or one Chinese numeral character. */
const PIECE = String.raw`\d+(?:,\d{3})*(?:\.\d+)?|[${DIGITS}十百千万亿]`;
/**
 * A run of pieces, mixed as people write them ("四千二百", "1.2万", "一点五亿", "1万2千"), with
 * 百分之 before it and 余/多 after it when present. 点 is a decimal point only between digits.
 */
const QUANTITY = new RegExp(`(百分之)?((?:${PIECE})(?:${PIECE}|点(?=[${DIGITS}]))*)(\\s*[余多])?\\s*`, "g");
const ARABIC = /\d+(?:,\d{3})*(?:\.\d+)?/g;
/** 成 is tenths ("完成3成", "八成以上") only where a word does not go on ("成果", "成效", "建成"). */
const TENTHS = /^成(?=$|[\s，,。；;、!！?？)）]|左右|以上|以内|多)/;
/** Clauses end at Chinese and ASCII punctuation; 、 too, since it separates listed items. */
const CLAUSE_BREAK = /[，,。；;、\n!！?？]/;

/**
 * Every number in a normalized reply, in order: "已新增就业4200人，失业率2.9%" gives 4200 (tail
 * "人，失业率2.9%", clause "已新增就业4200人") and 2.9% (tail "", clause "失业率2.9%").
 * Chinese numerals and mixed forms count as numbers: "新增就业四千二百人" gives 4200, "百分之三" 3%.
 * A comma between digit groups is a thousands separator ("4,200人"), not a clause break. Ordinals
 * ("第一批", "第3季度") and runs that are no well-formed number ("十四五") are left out.
 */
export function extractQuantities(text: string): Quantity[] {
  return scan(text).map((found) => found.quantity);
}

/**
 * The text with every number read by extractQuantities blanked out, so that word matching
 * (scoreClause) compares words only: "新增就业四千二百人" → "新增就业 人".
 */
export function withoutNumbers(text: string): string {
  let out = "";
  let from = 0;
  for (const { start, end } of scan(text)) {
    out += `${text.slice(from, start)} `;
    from = end;
  }
  return out + text.slice(from);
}

interface Found {
  quantity: Quantity;
  /** Where the number, its sign and 余/多 stand in the text. */
  start: number;
  end: number;
}

function scan(text: string): Found[] {
  const out: Found[] = [];
  QUANTITY.lastIndex = 0;
  for (let m = QUANTITY.exec(text); m !== null; m = QUANTITY.exec(text)) {
    if (text[m.index - 1] === "第" || isWordOne(text, m.index, m[0])) continue;
    const found = readMatch(text, m);
    if (found) out.push(...found);
  }
  return out;
}

/**
 * 一 inside a word or a slogan rather than a count: "一人一策", "一户一档" (一X一Y), "统一", "逐一",
 * "唯一", "之一", "万一". Read as a count, "52 建立一人一档" would report 1 person employed.
 */
function isWordOne(text: string, at: number, matched: string): boolean {
  if (matched.trim() !== "一") return false;
  if (text[at + 2] === "一" || text[at - 2] === "一") return true;
  return /[统逐唯之万专单同]/.test(text[at - 1] ?? "");
}

function readMatch(text: string, m: RegExpExecArray): Found[] | undefined {
  const per = m[1] ?? "";
  const run = m[2] ?? "";
  const more = (m[3] ?? "").trim();
  const runAt = m.index + per.length;
  let end = m.index + m[0].length;
  const make = (value: number, written: string, percent: boolean, tail: string, to: number): Found => ({
    quantity: { value, written, percent, tail, clause: clauseAround(text, m.index, to) },
    start: m.index,
    end: to,
  });
  if (per !== "") {
    const value = readChineseNumber(run);
    if (value === undefined) return undefined;
    return [make(value, `${per}${run}`, true, text.slice(end), end)];
  }
  // 千, 万 and 亿 closing the number belong to its unit, as matchUnit reads them ("1.2万人",
  // "120千米", "两千人").
  const scale = /[千万亿]+$/.exec(run)?.[0] ?? "";
  const number = run.slice(0, run.length - scale.length);
  const value = number === "" ? undefined : readChineseNumber(number);
  if (value === undefined) return arabicOnly(text, runAt, run);
  const after = text.slice(end);
  if (scale === "" && after.startsWith("%")) {
    end += 1;
    return [make(value, `${number}${more}%`, true, text.slice(end), end)];
  }
  if (scale === "" && more === "" && TENTHS.test(after)) {
    end += 1;
    return [make(value * 10, `${number}成`, true, text.slice(end), end)];
  }
  return [make(value, `${number}${more}`, false, `${scale}${after}`, end)];
}

/**
 * A run that is no number as a whole ("十四五", "二〇二一") may still hold Arabic numbers,
 * read as they stand.
 */
function arabicOnly(text: string, runAt: number, run: string): Found[] {
  const out: Found[] = [];
  ARABIC.lastIndex = 0;
  for (let m = ARABIC.exec(run); m !== null; m = ARABIC.exec(run)) {
    const start = runAt + m.index;
    let end = start + m[0].length;
    while (text[end] === " ") end++;
    const value = Number(m[0].replace(/,/g, ""));
    const percent = text[end] === "%";
    if (percent) end++;
    out.push({
      quantity: {
        value,
        written: percent ? `${m[0]}%` : m[0],
        percent,
        tail: text.slice(end),
        clause: clauseAround(text, start, end),
      },
      start,
      end,
    });
  }
  return out;
}

function clauseAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !CLAUSE_BREAK.test(text[from - 1] as string)) from--;
  let to = end;
  while (to < text.length && !CLAUSE_BREAK.test(text[to] as string)) to++;
  return text.slice(from, to).trim();
}
