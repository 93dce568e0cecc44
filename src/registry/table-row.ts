/** One row of a task table, whatever the file format. */
export interface TableRow {
  /** 1-based, as the office sees it in Excel (a quoted CSV cell with line breaks stays one row). */
  row: number;
  /** Cell texts, left to right; dates as YYYY-MM-DD, formulas as their result. */
  cells: string[];
  /** Per cell, per character: set in bold or 黑体 (xlsx only, and only when some cell has it). */
  bold?: (readonly boolean[] | undefined)[];
}

/** Keeps rows that have some text, and drops empty cells at their end. */
export function keepFilledRows(rows: readonly TableRow[]): TableRow[] {
  const kept: TableRow[] = [];
  for (const row of rows) {
    let end = row.cells.length;
    while (end > 0 && (row.cells[end - 1] as string).trim() === "") end--;
    if (end === 0) continue;
    const bold = row.bold?.slice(0, end);
    kept.push({ row: row.row, cells: row.cells.slice(0, end), ...(bold?.some(Boolean) ? { bold } : {}) });
  }
  return kept;
}
