import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type EventWrites, eventWriteScopes } from "../../../src/inbound/defer-event-writes.js";
import { SqliteStore } from "../../../src/store/sqlite/sqlite-store.js";
import { sampleAudit, sampleImport, sampleMessage } from "../../fixtures/store/sample-records.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function world() {
  const dir = makeTempDir("duban-defer");
  const store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
  cleanup.push(dir.remove, () => store.close());
  const writes: EventWrites = { audit: [], outbox: [] };
  return { store, writes, scoped: eventWriteScopes(store)(writes, "answer/wecom/e1/") };
}

describe("an event's store", () => {
  it("collects audit entries and new messages instead of writing them", async () => {
    const { store, writes, scoped } = world();
    await scoped.audit.append(sampleAudit({ details: { text: "长".repeat(5_000) } }));
    expect(await scoped.outbox.enqueue(sampleMessage("answer/e1/1"))).toEqual({ id: 0, created: true });
    expect(await scoped.outbox.enqueue(sampleMessage("answer/e1/1"))).toEqual({ id: 0, created: false });
    expect(await store.audit.query({})).toEqual([]);
    expect(await store.outbox.list({})).toEqual([]);
    expect(writes.outbox.map((m) => m.idempotencyKey)).toEqual(["answer/e1/1"]);
    // Capped as the store caps it.
    expect(writes.audit[0]?.details).toMatchObject({ textLength: 5_000 });
  });

  it("answers a key the outbox holds already as enqueue does, and collects nothing for it", async () => {
    const { store, writes, scoped } = world();
    const { id } = await store.outbox.enqueue(sampleMessage("notice/r1"));
    expect(await scoped.outbox.enqueue(sampleMessage("notice/r1"))).toEqual({ id, created: false });
    expect(writes.outbox).toEqual([]);
  });

  it("does not look in the store for the event's own answers, which only it writes", async () => {
    const { store, writes, scoped } = world();
    await store.outbox.enqueue(sampleMessage("answer/wecom/e1/1"));
    expect(await scoped.outbox.enqueue(sampleMessage("answer/wecom/e1/1"))).toEqual({ id: 0, created: true });
    expect(writes.outbox).toHaveLength(1);
  });

  it("refuses an invalid record at once, as the store would", async () => {
    const { scoped } = world();
    await expect(scoped.audit.append({ ...sampleAudit(), at: "yesterday" })).rejects.toThrow(/audit\.append/);
    await expect(scoped.outbox.enqueue({ ...sampleMessage("k"), channel: "" })).rejects.toThrow(
      /outbox\.enqueue/,
    );
  });

  it("writes and reads everything else at once, on the store itself", async () => {
    const { store, scoped } = world();
    await scoped.registry.save(sampleImport([52]));
    expect((await store.registry.current())?.registry.tasks.map((task) => task.no)).toEqual([52]);
    const { id } = await store.outbox.enqueue(sampleMessage("reminder/52"));
    expect(await scoped.outbox.findByKey("reminder/52")).toMatchObject({ id });
    expect(scoped.kind).toBe("sqlite");
    expect(await scoped.claimOnce("k", 1_000)).toBe(true);
  });
});
