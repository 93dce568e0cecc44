import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createInboxWrites, type MarkHolding } from "../../../src/inbound/inbox-writes.js";
import type { InboxStore } from "../../../src/store/inbox-entry.js";
import { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import { sampleAudit, sampleMessage } from "../../fixtures/store/sample-records.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const OPTIONS = { ttlMs: 60_000, leaseMs: 60_000, worker: "w1" };
const entry = (n: number) => ({ key: `wecom:e${n}`, event: { kind: "text", eventId: `e${n}` } });

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A real SQLite inbox, with every call to it recorded by name. */
function world(fail: { both?: boolean } = {}, holding?: MarkHolding) {
  const dir = makeTempDir("duban-inbox-writes");
  const path = join(dir.path, "duban.sqlite");
  const store = new SqliteStore({ path });
  cleanup.push(dir.remove, () => store.close());
  const calls: string[] = [];
  const inbox: InboxStore = {
    accept: async (entries, options) => {
      calls.push("accept");
      return store.inbox.accept(entries, options);
    },
    claimStale: (options) => store.inbox.claimStale(options),
    markProcessed: async (entries, worker) => {
      calls.push("markProcessed");
      return store.inbox.markProcessed(entries, worker);
    },
    acceptAndMark: async (entries, processed, options) => {
      calls.push("acceptAndMark");
      if (fail.both) throw new Error("database is locked");
      return store.inbox.acceptAndMark(entries, processed, options);
    },
    pendingCount: () => store.inbox.pendingCount(),
  };
  /** Runs SQL on the file from another connection (a fault injected, as an operator's trigger would). */
  const exec = (sql: string) => {
    const db = new Database(path);
    db.exec(sql);
    db.close();
  };
  return { store, calls, exec, writes: createInboxWrites(inbox, OPTIONS, holding) };
}

describe("the inbox's writes of one turn", () => {
  it("write a mark at once when no callback is coming", async () => {
    const { store, calls, writes } = world();
    await writes.accept(entry(1));
    expect(await writes.markProcessed({ key: "wecom:e1" })).toBe(true);
    expect(calls).toEqual(["accept", "markProcessed"]);
    expect(await store.inbox.pendingCount()).toBe(0);
  });

  it("let marks wait while callbacks keep coming, then write them with a commit of receipts", async () => {
    const { store, calls, writes } = world();
    await writes.accept(entry(1));
    const marked = writes.markProcessed({ key: "wecom:e1", effects: { audit: [sampleAudit()], outbox: [] } });
    // One callback a turn: the mark lets three commits of receipts pass and goes with the fourth.
    for (let n = 2; n <= 5; n++) expect(await writes.accept(entry(n))).toBe(true);
    expect(await marked).toBe(true);
    expect(calls).toEqual(["accept", "accept", "accept", "accept", "acceptAndMark"]);
    expect(await writes.accept(entry(1))).toBe(false);
    expect(await store.inbox.pendingCount()).toBe(4);
    expect(await store.audit.query({})).toHaveLength(1);
  });

  it("write a full batch of marks with the next commit of receipts", async () => {
    const { calls, writes } = world({}, { commits: 3, batch: 2 });
    await Promise.all([writes.accept(entry(1)), writes.accept(entry(2))]);
    const answers = await Promise.all([
      writes.markProcessed({ key: "wecom:e1" }),
      writes.markProcessed({ key: "wecom:e2" }),
      writes.accept(entry(3)),
    ]);
    expect(answers).toEqual([true, true, true]);
    expect(calls).toEqual(["accept", "acceptAndMark"]);
  });

  it("store at most 256 receipts in one commit", async () => {
    const { calls, writes } = world();
    const answers = await Promise.all(Array.from({ length: 300 }, (_, n) => writes.accept(entry(n))));
    expect(answers.every(Boolean)).toBe(true);
    expect(calls).toEqual(["accept", "accept"]);
  });

  it("tries receipts and marks again apart when the shared commit fails", async () => {
    const { store, calls, writes } = world({ both: true }, { commits: 0, batch: 64 });
    await writes.accept(entry(1));
    const answers = await Promise.all([writes.accept(entry(2)), writes.markProcessed({ key: "wecom:e1" })]);
    expect(answers).toEqual([true, true]);
    expect(calls).toEqual(["accept", "acceptAndMark", "accept", "markProcessed"]);
    expect(await store.inbox.pendingCount()).toBe(1);
  });

  it("keeps one event's failing effects from the events marked beside it", async () => {
    const { store, exec, writes } = world();
    await Promise.all([1, 2, 3].map((n) => writes.accept(entry(n))));
    const bad = { audit: [], outbox: [sampleMessage("answer/wecom/e2/1")] };
    exec(`CREATE TRIGGER refuse BEFORE INSERT ON outbox WHEN NEW.idempotency_key = 'answer/wecom/e2/1'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const [one, two, three] = await Promise.allSettled([
      writes.markProcessed({ key: "wecom:e1", effects: { audit: [sampleAudit()], outbox: [] } }),
      writes.markProcessed({ key: "wecom:e2", effects: bad }),
      writes.markProcessed({ key: "wecom:e3" }),
    ]);
    expect(one).toEqual({ status: "fulfilled", value: true });
    expect(two).toMatchObject({ status: "rejected", reason: { message: "refused" } });
    expect(three).toEqual({ status: "fulfilled", value: true });
    expect(await store.inbox.pendingCount()).toBe(1);
    expect(await store.audit.query({})).toHaveLength(1);
  });
});
