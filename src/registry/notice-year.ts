/**
 * The year a notice's tasks are for, and where it was read. Deadlines such as "年底前" resolve against
 * it, so it is never guessed from the clock: when no source gives it, the import asks for `--year`.
 */
export type YearSource = "option" | "title" | "docNo" | "issuedOn" | "cells" | "body" | "fileName";

export interface YearFinding {
  year: number;
  source: YearSource;
  /** The words the year was read from, as the summary quotes them ("济兖政发〔2023〕5号"); "" for counts. */
  evidence: string;
  /** For `cells` and `body`: how many dates or "2023年" agreed. */
  count?: number;
  /** With `--year`: the year the document itself names, when it names a different one. */
  documentYear?: number;
}

/** Years a current notice can plausibly be for; "1921年" (a founding date) or "12000年" are not. */
export const PLAUSIBLE_YEARS = { from: 2000, to: 2099 };

export function isPlausibleYear(year: number): boolean {
  return year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to;
}

/** "2023年" (not inside a longer number). */
const YEAR_WORD = /(?<!\d)(\d{4})(?!\d)\s*年/g;
/** 〔2023〕, [2023], ［2023］, (2023), （2023） as in a 文号. */
const DOC_NO_YEAR = /[〔[［(（]\s*(\d{4})\s*[〕\]］)）]/;

/** The first plausible "YYYY年" in a text (a title, a file name). */
export function yearInWords(text: string): number | undefined {
  for (const match of text.matchAll(YEAR_WORD)) {
    const year = Number(match[1]);
    if (isPlausibleYear(year)) return year;
  }
  return undefined;
}

/** The year in a document number: "济兖政发〔2021〕1号" → 2021. */
export function yearInDocNo(docNo: string): number | undefined {
  const year = Number(DOC_NO_YEAR.exec(docNo)?.[1]);
  return isPlausibleYear(year) ? year : undefined;
}

/**
 * The most frequent plausible "YYYY年" in the texts (ties go to the earlier year: a multi-year
 * target's "到2025年" is the odd one out), with how often it appears. `pattern` (global, the year
 * as its first group) counts another form instead, e.g. dates in table cells.
 */
export function mostFrequentYear(
  texts: Iterable<string>,
  pattern: RegExp = YEAR_WORD,
): { year: number; count: number } | undefined {
  const counts = new Map<number, number>();
  for (const text of texts) {
    for (const match of text.matchAll(pattern)) {
      const year = Number(match[1]);
      if (isPlausibleYear(year)) counts.set(year, (counts.get(year) ?? 0) + 1);
    }
  }
  let best: { year: number; count: number } | undefined;
  for (const [year, count] of counts) {
    if (!best || count > best.count || (count === best.count && year < best.year)) best = { year, count };
  }
  return best;
}

/** `--year` wins; the summary still says when the document names another year. */
export function givenYear(year: number, found: YearFinding | undefined): YearFinding {
  return {
    year,
    source: "option",
    evidence: "--year",
    ...(found && found.year !== year ? { documentYear: found.year } : {}),
  };
}
