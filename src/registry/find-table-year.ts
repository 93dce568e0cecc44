import type { TableRow } from "./table-row.js";

/** Dates that name their year: 2021年6月30日, 2021年6月底, 2021-06-30, 2021/6/30, 2021.6.30. */
const DATED = /(?<!\d)(\d{4})(?:\s*年\s*\d{1,2}\s*月|[-/.]\d{1,2}[-/.]\d{1,2}(?!\d))/g;
const PLAUSIBLE = { from: 1990, to: 2100 };

/**
 * A table has no notice around it, so its year is the one most of its dated cells are in (ties go to
 * the earlier year: a multi-year task's final date is the odd one out); else the year in its title.
 */
export function findTableYear(rows: readonly TableRow[], title: string): number | undefined {
  const counts = new Map<number, number>();
  for (const row of rows) {
    for (const cell of row.cells) {
      for (const match of cell.matchAll(DATED)) {
        const year = Number(match[1]);
        if (year >= PLAUSIBLE.from && year <= PLAUSIBLE.to) counts.set(year, (counts.get(year) ?? 0) + 1);
      }
    }
  }
  let best: [number, number] | undefined;
  for (const [year, count] of counts) {
    if (!best || count > best[1] || (count === best[1] && year < best[0])) best = [year, count];
  }
  if (best) return best[0];
  const inTitle = /(\d{4})\s*年/.exec(title)?.[1];
  return inTitle ? Number(inTitle) : undefined;
}
