const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Reads 1–99 written in Arabic digits or Chinese numerals (三, 十二, 二十一); undefined otherwise. */
export function readSmallNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(text)) return undefined;
  const tenAt = text.indexOf("十");
  if (tenAt === -1) return text.length === 1 ? DIGITS[text] : undefined;
  const tens = tenAt === 0 ? 1 : DIGITS[text.slice(0, tenAt)];
  const ones = tenAt === text.length - 1 ? 0 : DIGITS[text.slice(tenAt + 1)];
  if (tens === undefined || ones === undefined || text.length > 3) return undefined;
  return tens * 10 + ones;
}

/** 十, 百, 千 multiply the digit before them within a section; 万 and 亿 close a section. */
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** One piece of a numeral: an Arabic number ("4200", "1.2", "4,200"), a digit, a unit or 点. */
const PIECE = /\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千万亿点]/g;

/**
 * Reads a number written in Chinese numerals, Arabic digits or a mix of both: "四千二百" → 4200,
 * "一万零五百" → 10500, "一点五" → 1.5, "1.2万" → 12000, "两千" → 2000, "十二" → 12, "一万五" → 15000
 * (the spoken short form: a digit right after the last unit counts one place lower). Undefined for
 * anything that is not one well-formed number ("十四五", "一二", "万", "千方", "二〇二一"), so that
 * words which happen to contain numeral characters are not read as numbers.
 */
export function readChineseNumber(text: string): number | undefined {
  const pieces = text.match(PIECE);
  if (!pieces || pieces.join("") !== text) return undefined;
  let total = 0; // closed 亿 sections
  let wan = 0; // the closed 万 section
  let section = 0; // below 万: closed 十/百/千 places
  let digit: number | undefined; // a digit (or Arabic number) not yet multiplied
  let afterUnit = 0; // the unit right before `digit` (0 after 零 or at the start)
  let lastSmall = Number.POSITIVE_INFINITY; // places must fall: 千 … 百 … 十
  let lastBig = Number.POSITIVE_INFINITY;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as string;
    const small = SMALL_UNITS[piece];
    const big = BIG_UNITS[piece];
    if (piece === "点") {
      // Decimals are read digit by digit ("一点五", "零点三五", "十二点五").
      if (digit === undefined || afterUnit > 10 || !Number.isInteger(digit)) return undefined;
      let decimals = "";
      while (DIGITS[pieces[i + 1] ?? ""] !== undefined) decimals += String(DIGITS[pieces[++i] as string]);
      if (decimals === "") return undefined;
      digit = Number(`${digit}.${decimals}`);
    } else if (small !== undefined) {
      // A bare 十 opens a number ("十二"); 百 and 千 need their digit ("千方百计" is no number).
      const bareTen = small === 10 && i === 0;
      if (small >= lastSmall || (digit === undefined && !bareTen)) return undefined;
      section += (digit ?? 1) * small;
      lastSmall = small;
      digit = undefined;
    } else if (big !== undefined) {
      const value = section + (digit ?? 0);
      if (big >= lastBig || value === 0) return undefined;
      if (big === 1e8) {
        total = (total + wan + value) * 1e8;
        wan = 0;
      } else wan = value * 1e4;
      section = 0;
      digit = undefined;
      lastSmall = Number.POSITIVE_INFINITY;
      lastBig = big;
    } else if (piece === "零" || piece === "〇") {
      // 零 holds an empty place ("一万零五百") or is the number itself ("零点五").
      if (digit !== undefined && i > 0) return undefined;
      if (i === 0) digit = 0;
    } else {
      // A digit or an Arabic number: never two in a row ("一二", "52五").
      if (digit !== undefined) return undefined;
      digit = DIGITS[piece] ?? Number(piece.replace(/,/g, ""));
      const before = pieces[i - 1] ?? "";
      afterUnit = SMALL_UNITS[before] ?? BIG_UNITS[before] ?? 0;
    }
  }
  let rest = digit ?? 0;
  // "一万五" is 15000, "三千二" 3200: a lone Chinese digit closing the number after 百, 千, 万 or 亿.
  if (digit !== undefined && afterUnit > 10 && DIGITS[pieces.at(-1) as string] !== undefined)
    rest = digit * (afterUnit / 10);
  // 1.1万 is 11000, not 11000.000000000002.
  return Number((total + wan + section + rest).toPrecision(12));
}
