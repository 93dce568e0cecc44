import type Database from "better-sqlite3";
import { StoreUnavailableError } from "../store-errors.js";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.js";

/**
 * Brings the schema up to date, one version per transaction. The version is read inside each
 * write transaction, so two processes opening a new file at once do not both run a step.
 */
export function migrateSqlite(db: Database.Database, label: string, migrations = SQLITE_MIGRATIONS): void {
  const step = db.transaction((): boolean => {
    const version = db.pragma("user_version", { simple: true }) as number;
    if (version > migrations.length) {
      throw new StoreUnavailableError(
        `${label}: the data file has schema version ${version}, newer than this Duban knows (${migrations.length}). ` +
          "Upgrade Duban, or restore a backup into a new file.",
      );
    }
    const sql = migrations[version];
    if (sql === undefined) return false;
    db.exec(sql);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) {
    // One step per transaction until the schema is current.
  }
}
