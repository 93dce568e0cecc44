import type Database from "better-sqlite3";
import { capStoredText } from "../cap-stored-text.js";
import { compareText } from "../compare-text.js";
import {
  type NewProgressReport,
  newProgressReportSchema,
  type ProgressReport,
  type ProgressStore,
} from "../progress-report.js";
import { validateInput } from "../validate-input.js";
import { latestOfEveryUnitReader, taskHistoryReader } from "./kept-progress-reads.js";

/** Progress reports as rows; a UNIQUE index makes a version gap or a duplicate impossible. */
export class SqliteProgress implements ProgressStore {
  private readonly appendTx: (report: NewProgressReport) => ProgressReport;
  private readonly insert: Database.Statement;
  private readonly lastOfUnit: Database.Statement;
  private readonly lastOfCycle: Database.Statement;
  private readonly lastPerUnit: Database.Statement;
  private readonly lastOfEach: () => ProgressReport[];
  private readonly historyOf: (taskNo: number) => ProgressReport[];
  private readonly everything: Database.Statement;

  constructor(db: Database.Database) {
    const nextVersion = db
      .prepare(
        "SELECT coalesce(max(version), 0) + 1 FROM progress WHERE task_no = ? AND unit = ? AND cycle = ?",
      )
      .pluck();
    this.insert = db.prepare(
      "INSERT INTO progress (task_no, unit, cycle, version, json) VALUES (@taskNo, @unit, @cycle, @version, @json)",
    );
    this.lastOfUnit = db
      .prepare("SELECT json FROM progress WHERE task_no = ? AND unit = ? ORDER BY id DESC LIMIT 1")
      .pluck();
    this.lastOfCycle = db
      .prepare(
        "SELECT json FROM progress WHERE task_no = ? AND unit = ? AND cycle = ? ORDER BY version DESC LIMIT 1",
      )
      .pluck();
    this.lastPerUnit = db
      .prepare(
        "SELECT json FROM progress WHERE id IN (SELECT max(id) FROM progress WHERE task_no = ? GROUP BY unit)",
      )
      .pluck();
    this.everything = db.prepare("SELECT json FROM progress ORDER BY task_no, id").pluck();
    this.lastOfEach = latestOfEveryUnitReader(db);
    this.historyOf = taskHistoryReader(db);
    const tx = db.transaction((report: NewProgressReport): ProgressReport => {
      const version = nextVersion.get(report.taskNo, report.unit, report.cycle) as number;
      const stored = { ...report, version };
      this.insertSync(stored);
      return stored;
    });
    this.appendTx = (report) => tx.immediate(report);
  }

  async append(report: NewProgressReport): Promise<ProgressReport> {
    return this.appendTx(capStoredText(validateInput(newProgressReportSchema, report, "progress.append")));
  }

  async history(taskNo: number, unit?: string): Promise<ProgressReport[]> {
    const all = this.historyOf(taskNo);
    return unit === undefined ? all : all.filter((r) => r.unit === unit);
  }

  async latest(taskNo: number, unit: string, cycle?: string): Promise<ProgressReport | undefined> {
    const json = (
      cycle === undefined ? this.lastOfUnit.get(taskNo, unit) : this.lastOfCycle.get(taskNo, unit, cycle)
    ) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as ProgressReport);
  }

  async latestPerUnit(taskNo: number): Promise<ProgressReport[]> {
    return parseAll(this.lastPerUnit.all(taskNo)).sort((a, b) => compareText(a.unit, b.unit));
  }

  async latestOfEveryUnit(): Promise<ProgressReport[]> {
    return this.lastOfEach();
  }

  dumpSync(): ProgressReport[] {
    return parseAll(this.everything.all());
  }

  /** Rows in dump order, so the append order within each task survives the restore. */
  restoreSync(reports: ProgressReport[]): void {
    for (const report of reports) this.insertSync(report);
  }

  private insertSync(report: ProgressReport): void {
    const { taskNo, unit, cycle, version } = report;
    this.insert.run({ taskNo, unit, cycle, version, json: JSON.stringify(report) });
  }
}

function parseAll(rows: unknown[]): ProgressReport[] {
  return (rows as string[]).map((json) => JSON.parse(json) as ProgressReport);
}
