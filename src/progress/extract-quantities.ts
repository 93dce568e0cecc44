/** A number in a reply, with what follows it and the clause it stands in. */
export interface Quantity {
  value: number;
  /** The number as written, with 余/多 if present ("4200余"). */
  written: string;
  /** The text right after the number (and 余/多): where its unit starts ("人，失业率2.9%"). */
  tail: string;
  /** The clause around it, between separators ("已新增就业4200人"). */
  clause: string;
}

const NUMBER = /(\d+(?:,\d{3})*(?:\.\d+)?)(\s*[余多])?\s*/g;
/** Clauses end at Chinese and ASCII punctuation; 、 too, since it separates listed items. */
const CLAUSE_BREAK = /[，,。；;、\n!！?？]/;

/**
 * Every number in a normalized reply, in order: "已新增就业4200人，失业率2.9%" gives 4200 (tail
 * "人，失业率2.9%", clause "已新增就业4200人") and 2.9 (tail "%", clause "失业率2.9%").
 * A comma between digit groups is a thousands separator ("4,200人"), not a clause break.
 */
export function extractQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m !== null; m = NUMBER.exec(text)) {
    const digits = m[1] ?? "";
    const end = m.index + m[0].length;
    out.push({
      value: Number(digits.replace(/,/g, "")),
      written: `${digits}${(m[2] ?? "").trim()}`,
      tail: text.slice(end),
      clause: clauseAround(text, m.index, end),
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
