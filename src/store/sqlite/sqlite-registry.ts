import type Database from "better-sqlite3";
import type { Task } from "../../registry/registry.js";
import { ParsedRegistryCache } from "../parsed-registry-cache.js";
import {
  type Assignment,
  type ImportRecord,
  type RegistryImport,
  type RegistryStore,
  registryImportSchema,
} from "../registry-import.js";
import type { StoreDump } from "../store-dump.js";
import { toImportRecord } from "../to-import-record.js";
import { validateInput } from "../validate-input.js";

/** The registry in SQLite: the current import whole, plus its tasks and assignments as rows. */
export class SqliteRegistry implements RegistryStore {
  private readonly saveTx: (imp: RegistryImport) => void;
  private readonly setCurrent: (imp: RegistryImport) => void;
  private readonly addImport: Database.Statement;
  private readonly currentJson: Database.Statement;
  private readonly taskJson: Database.Statement;
  private readonly history: Database.Statement;
  private readonly all: Database.Statement;
  private readonly ofTask: Database.Statement;
  private readonly currentVersion: Database.Statement;
  private readonly parsed = new ParsedRegistryCache();

  constructor(db: Database.Database) {
    this.currentJson = db.prepare("SELECT json FROM registry_current WHERE id = 1").pluck();
    // What changes with every save or restore, read without reading the registry itself: the
    // last history line (its seq alone restarts after a replacing restore) and the stored length.
    // No row: no registry.
    this.currentVersion = db
      .prepare(
        "SELECT ifnull((SELECT seq || ':' || json FROM registry_imports ORDER BY seq DESC LIMIT 1), '') " +
          "|| '|' || octet_length(json) FROM registry_current WHERE id = 1",
      )
      .pluck();
    this.taskJson = db.prepare("SELECT json FROM registry_tasks WHERE task_no = ?").pluck();
    this.history = db.prepare("SELECT json FROM registry_imports ORDER BY seq").pluck();
    const columns = "task_no AS taskNo, unit, role";
    this.all = db.prepare(`SELECT ${columns} FROM assignments ORDER BY pos`);
    this.ofTask = db.prepare(`SELECT ${columns} FROM assignments WHERE task_no = ? ORDER BY pos`);
    this.addImport = db.prepare("INSERT INTO registry_imports (json) VALUES (?)");
    const upsertCurrent = db.prepare(
      "INSERT INTO registry_current (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
    );
    const addTask = db.prepare("INSERT INTO registry_tasks (task_no, json) VALUES (?, ?)");
    const addAssignment = db.prepare("INSERT INTO assignments (task_no, unit, role) VALUES (?, ?, ?)");
    this.setCurrent = (imp) => {
      this.parsed.clear();
      db.exec("DELETE FROM registry_tasks; DELETE FROM assignments;");
      upsertCurrent.run(JSON.stringify(imp));
      for (const task of imp.registry.tasks) addTask.run(task.no, JSON.stringify(task));
      for (const a of imp.assignments) addAssignment.run(a.taskNo, a.unit, a.role);
    };
    const tx = db.transaction((imp: RegistryImport) => {
      this.setCurrent(imp);
      this.addImport.run(JSON.stringify(toImportRecord(imp)));
    });
    this.saveTx = (imp) => tx.immediate(imp);
  }

  async save(imp: RegistryImport): Promise<void> {
    this.saveTx(validateInput(registryImportSchema, imp, "registry.save"));
  }

  /** Parsed once per change and shared by every caller, so frozen (see ParsedRegistryCache). */
  async current(): Promise<RegistryImport | undefined> {
    const version = this.currentVersion.get() as string | undefined;
    if (version === undefined) return undefined;
    const cached = this.parsed.get(version);
    if (cached) return cached;
    const json = this.currentJson.get() as string | undefined;
    return json === undefined ? undefined : this.parsed.set(version, json);
  }

  async task(taskNo: number): Promise<Task | undefined> {
    const json = this.taskJson.get(taskNo) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as Task);
  }

  async imports(): Promise<ImportRecord[]> {
    return (this.history.all() as string[]).map((json) => JSON.parse(json) as ImportRecord);
  }

  async assignments(taskNo?: number): Promise<Assignment[]> {
    return (taskNo === undefined ? this.all.all() : this.ofTask.all(taskNo)) as Assignment[];
  }

  /** For a dump; runs inside the caller's transaction. */
  dumpSync(): StoreDump["registry"] {
    const json = this.currentJson.get() as string | undefined;
    const imports = (this.history.all() as string[]).map((j) => JSON.parse(j) as ImportRecord);
    return { current: json === undefined ? null : (JSON.parse(json) as RegistryImport), imports };
  }

  /** For a restore into an empty store; runs inside the caller's transaction. */
  restoreSync(registry: StoreDump["registry"]): void {
    // The caller's transaction has emptied the tables, whatever the dump holds.
    this.parsed.clear();
    if (registry.current !== null) this.setCurrent(registry.current);
    for (const record of registry.imports) this.addImport.run(JSON.stringify(record));
  }
}
