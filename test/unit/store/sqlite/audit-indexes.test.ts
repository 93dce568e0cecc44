import { describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../../../../src/store/sqlite/open-sqlite-database.js";

describe("the audit's indexes on SQLite", () => {
  it("serve the queries by task, unit and person though they hold only the entries naming one", () => {
    const db = openSqliteDatabase(":memory:");
    const plan = (where: string) =>
      (
        db
          .prepare(`EXPLAIN QUERY PLAN SELECT seq, json FROM audit WHERE ${where} ORDER BY at_ms, seq`)
          .all({ value: "x", from: 0 }) as { detail: string }[]
      )
        .map((row) => row.detail)
        .join(" | ");
    expect(plan("task_no = @value")).toMatch(/USING INDEX audit_by_task/);
    expect(plan("unit = @value AND at_ms >= @from")).toMatch(/USING INDEX audit_by_unit/);
    expect(plan("person = @value")).toMatch(/USING INDEX audit_by_person/);
    db.close();
  });
});
