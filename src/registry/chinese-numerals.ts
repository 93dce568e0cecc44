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
