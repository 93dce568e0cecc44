import { describe, expect, it } from "vitest";
import { systemClock } from "../../../../src/shared/clock.js";
import { openSqliteDatabase } from "../../../../src/store/sqlite/open-sqlite-database.js";
import { SqliteInbox } from "../../../../src/store/sqlite/sqlite-inbox.js";

const A = { ttlMs: 60_000, leaseMs: 60_000, worker: "w1" };
const event = (n: number) => ({
  kind: "text",
  eventId: `e${n}`,
  channel: "wecom",
  from: "u1",
  text: `第${n}条`,
});
function open() {
  const db = openSqliteDatabase(":memory:");
  const inbox = new SqliteInbox(db, systemClock, () => {});
  const json = (key: string) =>
    (db.prepare("SELECT json FROM inbox WHERE key = ?").pluck().get(key) as string | undefined) ?? null;
  return { db, inbox, json };
}

describe("the inbox on SQLite", () => {
  it("keeps a processed event's key for its dedupe window, not the event (as on Redis)", async () => {
    const { db, inbox, json } = open();
    await inbox.accept(
      [
        { key: "k1", event: event(1) },
        { key: "k2", event: event(2) },
      ],
      A,
    );
    await inbox.markProcessed([{ key: "k1" }], "w1");
    await inbox.acceptAndMark([{ key: "k3", event: event(3) }], [{ key: "k2" }], A);
    expect(json("k1")).toBe("");
    expect(json("k2")).toBe("");
    // What is still to be processed stays whole: a crash after the 200 resumes it from here.
    expect(JSON.parse(json("k3") ?? "")).toEqual(event(3));
    expect(await inbox.accept([{ key: "k1", event: event(1) }], A)).toEqual([false]);
    db.close();
  });
});
