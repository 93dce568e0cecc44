import { describe, expect, it } from "vitest";
import { systemClock } from "../../../../src/shared/clock.js";
import type { InboxEffects } from "../../../../src/store/inbox-entry.js";
import { openSqliteDatabase } from "../../../../src/store/sqlite/open-sqlite-database.js";
import { SqliteInbox } from "../../../../src/store/sqlite/sqlite-inbox.js";
import { sampleAudit, sampleInboxEvent } from "../../../fixtures/store/sample-records.js";

const A = { ttlMs: 60_000, leaseMs: 60_000, worker: "w1" };
const event = sampleInboxEvent;
const effects = (action: string): InboxEffects => ({ audit: [sampleAudit({ action })], outbox: [] });

function open(writeEffects: (effects: InboxEffects) => void = () => {}) {
  const db = openSqliteDatabase(":memory:");
  const inbox = new SqliteInbox(db, systemClock, writeEffects);
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

  it("writes nothing of an acceptAndMark whose effects fail: receipts, marks and effects go together", async () => {
    const { db, inbox, json } = open((e) => {
      if (e.audit.some((entry) => entry.action === "fails")) throw new Error("disk full");
    });
    await inbox.accept(
      [
        { key: "k1", event: event(1) },
        { key: "k2", event: event(2) },
      ],
      A,
    );
    await expect(
      inbox.acceptAndMark(
        [{ key: "k3", event: event(3) }],
        [
          { key: "k1", effects: effects("fine") },
          { key: "k2", effects: effects("fails") },
        ],
        A,
      ),
    ).rejects.toThrow(/disk full/);
    expect(json("k3")).toBeNull();
    expect(await inbox.pendingCount()).toBe(2);
    expect(JSON.parse(json("k1") ?? "")).toEqual(event(1));
    // Apart, the same writes go through (inbox-writes.ts retries them so after a failed commit).
    expect(await inbox.acceptAndMark([{ key: "k3", event: event(3) }], [{ key: "k1" }], A)).toEqual({
      accepted: [true],
      processed: [true],
    });
    expect(await inbox.pendingCount()).toBe(2);
    db.close();
  });
});
