import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { StoreUnavailableError } from "../store-errors.js";
import { migrateSqlite } from "./migrate-sqlite.js";

/**
 * How hard each commit is pushed to disk. `normal` (the default): in WAL mode a commit survives
 * the process being killed (it is in the WAL before the call returns) and the file can never be
 * corrupted, but on a power cut or kernel crash the last commits before the next checkpoint may
 * roll back. `full` also survives those, at one fsync per commit (about 10× slower here; see
 * docs/storage.md).
 */
export type SqliteSynchronous = "normal" | "full";

/** How the SQLite file is opened: durability of commits and patience with other writers. */
export interface SqliteOpenOptions {
  synchronous?: SqliteSynchronous;
  /** How long a writer waits for another process's write to finish before failing. */
  busyTimeoutMs?: number;
}

/** Opens (creating it and its folder if needed) and migrates a SQLite data file. */
export function openSqliteDatabase(path: string, options: SqliteOpenOptions = {}): Database.Database {
  const label = `sqlite:${path}`;
  let db: Database.Database | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    // busy_timeout first: switching to WAL needs a lock another process may briefly hold.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
    migrateSqlite(db, label);
    return db;
  } catch (cause) {
    db?.close();
    if (cause instanceof StoreUnavailableError) throw cause;
    throw new StoreUnavailableError(
      `${label}: cannot open the data file (${(cause as Error).message}). ` +
        "Check that the folder is writable and that the file is a Duban SQLite store, or pass another --store.",
      { cause },
    );
  }
}
