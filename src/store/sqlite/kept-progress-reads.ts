import type Database from "better-sqlite3";
import { compareText } from "../compare-text.js";
import type { ProgressReport } from "../progress-report.js";

interface Row {
  id: number;
  json: string;
}

/**
 * Each unit's latest progress record on every task (progress.latestOfEveryUnit), kept between
 * calls: the sweep asks five times a working day, and grouping the whole table and parsing every
 * unit's record each time was most of its store time. Progress rows are only ever appended, so
 * the records after the last one read are merged in; a last row that changed under the same id
 * (a restore, here or by another process) reads everything afresh. The records are shared between
 * callers, so they are frozen.
 */
export function latestOfEveryUnitReader(db: Database.Database): () => ProgressReport[] {
  const lastRow = db.prepare("SELECT id, json FROM progress ORDER BY id DESC LIMIT 1");
  const rowAt = db.prepare("SELECT json FROM progress WHERE id = ?").pluck();
  const rowsAfter = db.prepare("SELECT id, json FROM progress WHERE id > ? ORDER BY id");
  // progress_by_unit (task_no, unit, id) answers the inner query from the index alone.
  const lastOfEach = db.prepare(
    "SELECT id, json FROM progress WHERE id IN (SELECT max(id) FROM progress GROUP BY task_no, unit)",
  );
  let read: { last: Row; byUnit: Map<string, ProgressReport>; sorted: ProgressReport[] } | undefined;

  const merge = (byUnit: Map<string, ProgressReport>, rows: readonly Row[]) => {
    for (const row of rows) {
      const record = deepFreeze(JSON.parse(row.json)) as ProgressReport;
      byUnit.set(`${record.taskNo}\u0000${record.unit}`, record);
    }
  };
  const sort = (byUnit: Map<string, ProgressReport>) =>
    [...byUnit.values()].sort((a, b) => a.taskNo - b.taskNo || compareText(a.unit, b.unit));

  return () => {
    const last = lastRow.get() as Row | undefined;
    if (last === undefined) {
      read = undefined;
      return [];
    }
    if (read !== undefined && last.id === read.last.id && last.json === read.last.json)
      return [...read.sorted];
    const grown = read !== undefined && last.id > read.last.id && rowAt.get(read.last.id) === read.last.json;
    const byUnit = grown && read !== undefined ? new Map(read.byUnit) : new Map<string, ProgressReport>();
    merge(byUnit, (grown && read !== undefined ? rowsAfter.all(read.last.id) : lastOfEach.all()) as Row[]);
    read = { last, byUnit, sorted: sort(byUnit) };
    return [...read.sorted];
  };
}

function deepFreeze(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/**
 * A task's progress history (progress.history), kept between calls on the same terms as the
 * latest records above: the lights read every task's history for each digest and bulletin, and
 * each card and reply reads its task's. Oldest first, as the rows were appended.
 */
export function taskHistoryReader(db: Database.Database): (taskNo: number) => ProgressReport[] {
  const lastRow = db.prepare("SELECT id, json FROM progress WHERE task_no = ? ORDER BY id DESC LIMIT 1");
  const rowAt = db.prepare("SELECT json FROM progress WHERE id = ?").pluck();
  const rowsAfter = db.prepare("SELECT id, json FROM progress WHERE task_no = ? AND id > ? ORDER BY id");
  const read = new Map<number, { last: Row; records: ProgressReport[] }>();
  const parse = (rows: readonly Row[]) =>
    rows.map((row) => deepFreeze(JSON.parse(row.json)) as ProgressReport);

  return (taskNo) => {
    const last = lastRow.get(taskNo) as Row | undefined;
    const kept = read.get(taskNo);
    if (last === undefined) {
      read.delete(taskNo);
      return [];
    }
    if (kept !== undefined && last.id === kept.last.id && last.json === kept.last.json)
      return [...kept.records];
    const grown = kept !== undefined && last.id > kept.last.id && rowAt.get(kept.last.id) === kept.last.json;
    const records =
      grown && kept !== undefined
        ? [...kept.records, ...parse(rowsAfter.all(taskNo, kept.last.id) as Row[])]
        : parse(rowsAfter.all(taskNo, 0) as Row[]);
    read.set(taskNo, { last, records });
    return [...records];
  };
}
