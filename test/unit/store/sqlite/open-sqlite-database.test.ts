import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../../../src/store/sqlite/open-sqlite-database.js";
import { SQLITE_MIGRATIONS } from "../../../../src/store/sqlite/sqlite-migrations.js";
import { makeTempDir } from "../../../helpers/temp-dir.js";

const dir = makeTempDir("duban-sqlite-open");
afterAll(() => dir.remove());

describe("openSqliteDatabase", () => {
  it("creates the folder and the file, in WAL mode, migrated to the latest version", () => {
    const db = openSqliteDatabase(join(dir.path, "new", "nested", "duban.sqlite"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
    db.close();
  });

  it("uses synchronous=FULL when asked", () => {
    const db = openSqliteDatabase(join(dir.path, "full.sqlite"), { synchronous: "full" });
    expect(db.pragma("synchronous", { simple: true })).toBe(2);
    db.close();
  });

  it("reopens a migrated file without running a step again", () => {
    const path = join(dir.path, "twice.sqlite");
    openSqliteDatabase(path).close();
    const db = openSqliteDatabase(path);
    expect(db.pragma("user_version", { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    db.close();
  });

  it("refuses a file written by a newer Duban, and says what to do", () => {
    const path = join(dir.path, "newer.sqlite");
    const raw = new Database(path);
    raw.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openSqliteDatabase(path)).toThrow(
      /schema version \d+, newer than this Duban knows.*Upgrade Duban/,
    );
  });

  it("refuses a file that is not a SQLite database, naming it", () => {
    const path = join(dir.path, "notes.txt");
    writeFileSync(path, "x".repeat(4096));
    expect(() => openSqliteDatabase(path)).toThrow(/^sqlite:.*notes\.txt: cannot open the data file/);
  });
});
