import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migrateSqlite } from "../../../../src/store/sqlite/migrate-sqlite.js";
import { SQLITE_MIGRATIONS } from "../../../../src/store/sqlite/sqlite-migrations.js";
import { NEXT_DUE } from "../../../../src/store/sqlite/sqlite-outbox.js";
import { SqliteStore } from "../../../../src/store/sqlite/sqlite-store.js";
import { makeTempDir } from "../../../helpers/temp-dir.js";

const dir = makeTempDir("duban-sqlite-schema-2");
afterAll(() => dir.remove());
const T0 = Date.parse("2021-03-22T02:00:00.000Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe("SQLite schema version 2: deferrals and budget slots", () => {
  it("upgrades a version-1 file, keeping its messages, which have no deferrals yet", async () => {
    const path = join(dir.path, "v1.sqlite");
    const v1 = new Database(path);
    migrateSqlite(v1, "v1", SQLITE_MIGRATIONS.slice(0, 1));
    v1.exec(`INSERT INTO outbox (idempotency_key, channel, recipient, payload, not_before, created_at, status,
      due_at, due_ms) VALUES ('k1', 'local', 'zhangsan', '{}', '2021-03-22T00:30:00Z', '2021-03-22T00:00:00Z',
      'pending', '2021-03-22T00:30:00Z', ${Date.parse("2021-03-22T00:30:00Z")})`);
    v1.close();
    const store = new SqliteStore({ path });
    try {
      const [claimed] = await store.outbox.claimDue("2021-03-22T00:30:00Z", {
        limit: 1,
        leaseMs: 1,
        worker: "w",
      });
      expect(claimed).not.toHaveProperty("deferrals");
      const until = "2021-03-22T01:00:00.000Z";
      expect(await store.outbox.defer(claimed?.id ?? 0, { until, reason: "r", worker: "w" })).toBe(true);
      expect(await store.outbox.get(claimed?.id ?? 0)).toMatchObject({
        attempts: 0,
        deferrals: 1,
        dueAt: until,
      });
    } finally {
      await store.close();
    }
  });

  it("purges slots that left their window, whatever their key", async () => {
    const path = join(dir.path, "purge.sqlite");
    const store = new SqliteStore({ path });
    const slots = () => {
      const db = new Database(path, { readonly: true });
      const count = db.prepare("SELECT count(*) FROM budget_slots").pluck().get();
      db.close();
      return count;
    };
    try {
      for (const key of ["a", "b", "c"])
        await store.budgets.take([{ key, limit: 5, windowMs: 60_000 }], at(0));
      await store.budgets.take([{ key: "long", limit: 5, windowMs: 3_600_000 }], at(0));
      expect(slots()).toBe(4);
      await store.budgets.take([{ key: "d", limit: 5, windowMs: 60_000 }], at(60));
      expect(slots()).toBe(2);
    } finally {
      await store.close();
    }
  });

  it("finds the next due message from the indexes, without scanning the outbox", () => {
    const db = new Database(":memory:");
    migrateSqlite(db, "plan");
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${NEXT_DUE}`).all() as { detail: string }[];
    expect(plan.filter((p) => p.detail.includes("outbox")).map((p) => p.detail)).toEqual([
      "SEARCH outbox USING COVERING INDEX outbox_due (status=?)",
      "SEARCH outbox USING COVERING INDEX outbox_due (status=?)",
      "SCAN outbox USING COVERING INDEX outbox_lease",
    ]);
    db.close();
  });
});
