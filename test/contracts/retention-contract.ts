import { expect, it } from "vitest";
import { parseDump } from "../../src/store/parse-dump.js";
import { serializeDump } from "../../src/store/serialize-dump.js";
import type { Store } from "../../src/store/store.js";
import {
  sampleAudit,
  sampleCard,
  sampleMessage,
  samplePrompt,
  sampleReport,
  sampleRequest,
} from "../fixtures/store/sample-records.js";
import type { ContractContext } from "./store-harness.js";

const BEFORE = "2021-03-01T00:00:00.000Z";
const JUST_BEFORE = "2021-02-28T23:59:59.999Z";
const OLD = "2021-01-05T09:00:00+08:00";
const RECENT = "2021-06-01T09:00:00+08:00";
const LEASE = { limit: 100, leaseMs: 60_000, worker: "w1" };

/** Enqueues one message per key, due at `dueAt`, and claims them (at a time after all of them). */
async function claimed(store: Store, entries: [key: string, dueAt: string][]) {
  const ids = new Map<string, number>();
  for (const [key, dueAt] of entries)
    ids.set(key, (await store.outbox.enqueue(sampleMessage(key, { notBefore: dueAt }))).id);
  await store.outbox.claimDue("2021-07-01T00:00:00Z", LEASE);
  return (key: string) => ids.get(key) as number;
}

export function retentionContract(ctx: ContractContext): void {
  it("removes exactly the sent and dead messages past their window, and no other message", async () => {
    const { outbox, retention } = ctx.store;
    const id = await claimed(ctx.store, [
      ["sent-old", OLD],
      ["sent-edge", OLD],
      ["sent-at-cutoff", OLD],
      ["sent-recent", RECENT],
      ["dead-old", JUST_BEFORE],
      ["dead-at-cutoff", BEFORE],
      ["dead-recent", RECENT],
      ["claimed-old", OLD],
    ]);
    await outbox.markSent(id("sent-old"), { platformMessageId: "p1", at: OLD });
    await outbox.markSent(id("sent-edge"), { platformMessageId: "p2", at: JUST_BEFORE });
    await outbox.markSent(id("sent-at-cutoff"), { platformMessageId: "p3", at: BEFORE });
    await outbox.markSent(id("sent-recent"), { platformMessageId: "p4", at: RECENT });
    for (const key of ["dead-old", "dead-at-cutoff", "dead-recent"])
      await outbox.markDead(id(key), { error: "unknown account" });
    // Waiting messages, however old, are never removed.
    const failed = (await outbox.enqueue(sampleMessage("failed-old", { notBefore: OLD }))).id;
    await outbox.claimDue("2021-07-01T00:00:00Z", LEASE);
    await outbox.markFailed(failed, { error: "busy", retryAt: OLD });
    await outbox.enqueue(sampleMessage("pending-old", { notBefore: OLD }));

    expect(await retention.purge("outbox-sent", BEFORE, 100)).toBe(2);
    expect(await retention.purge("outbox-dead", BEFORE, 100)).toBe(1);
    expect(await retention.purge("outbox-sent", BEFORE, 100)).toBe(0);
    expect(await retention.purge("outbox-dead", BEFORE, 100)).toBe(0);

    const left = (await outbox.list()).map((m) => m.idempotencyKey).sort();
    expect(left).toEqual(
      [
        "sent-at-cutoff",
        "sent-recent",
        "dead-at-cutoff",
        "dead-recent",
        "claimed-old",
        "pending-old",
        "failed-old",
      ].sort(),
    );
    expect(await outbox.findByKey("sent-old")).toBeUndefined();
    expect(await outbox.get(id("dead-old"))).toBeUndefined();
    expect(await outbox.stats()).toEqual({ pending: 1, claimed: 1, failed: 1, sent: 2, dead: 2 });
    // The queue still works around the gaps.
    expect((await outbox.claimDue("2021-07-02T00:00:00Z", LEASE)).map((m) => m.idempotencyKey)).toContain(
      "pending-old",
    );
  });

  it("removes audit entries before the cutoff from every index, and no later entry", async () => {
    const { audit, retention } = ctx.store;
    await audit.append(sampleAudit({ at: OLD, person: "lisi" }));
    await audit.append(sampleAudit({ at: JUST_BEFORE, taskNo: 53, unit: "区财政局" }));
    await audit.append(sampleAudit({ at: BEFORE, actor: "kept-at-cutoff" }));
    await audit.append(sampleAudit({ at: RECENT, actor: "kept-recent", person: "lisi" }));
    expect(await retention.purge("audit", BEFORE, 100)).toBe(2);
    expect((await audit.query()).map((e) => e.actor)).toEqual(["kept-at-cutoff", "kept-recent"]);
    expect((await audit.query({ person: "lisi" })).map((e) => e.actor)).toEqual(["kept-recent"]);
    expect(await audit.query({ taskNo: 53 })).toEqual([]);
    expect(await audit.query({ unit: "区财政局" })).toEqual([]);
    expect(await retention.purge("audit", BEFORE, 100)).toBe(0);
  });

  it("removes cards sent before the cutoff, with their update codes, and no later card", async () => {
    const { cards, retention } = ctx.store;
    await cards.put(sampleCard("old", { createdAt: OLD, responseCode: "rc", responseCodeExpiresAt: RECENT }));
    await cards.put(sampleCard("edge", { createdAt: JUST_BEFORE, taskNo: 53 }));
    await cards.put(sampleCard("at-cutoff", { createdAt: BEFORE }));
    await cards.put(sampleCard("recent", { createdAt: RECENT }));
    expect(await retention.purge("cards", BEFORE, 100)).toBe(2);
    expect(await cards.get("old")).toBeUndefined();
    expect(await cards.consumeResponseCode("old", OLD)).toBeUndefined();
    expect((await cards.list({ taskNo: 52 })).map((c) => c.cardId)).toEqual(["at-cutoff", "recent"]);
    expect(await cards.list({ taskNo: 53 })).toEqual([]);
  });

  it("removes prompts that expired before the cutoff, and no other prompt", async () => {
    const { prompts, retention } = ctx.store;
    await prompts.set("zhangsan", samplePrompt("a", { expiresAt: OLD }));
    await prompts.set("zhangsan", samplePrompt("b", { expiresAt: RECENT }));
    await prompts.set("lisi", samplePrompt("c", { expiresAt: JUST_BEFORE }));
    await prompts.set("wangwu", samplePrompt("d", { expiresAt: BEFORE }));
    expect(await retention.purge("prompts", BEFORE, 100)).toBe(2);
    const early = "2021-01-01T00:00:00Z";
    expect((await prompts.active("zhangsan", early)).map((p) => p.key)).toEqual(["b"]);
    expect(await prompts.active("lisi", early)).toEqual([]);
    expect((await prompts.active("wangwu", early)).map((p) => p.key)).toEqual(["d"]);
    // The last prompt gone, the store counts as empty again.
    await prompts.clear("zhangsan");
    await prompts.clear("wangwu");
    expect(await ctx.store.isEmpty()).toBe(true);
  });

  it("removes a large number of records in batches of at most `limit`", async () => {
    const { audit, retention } = ctx.store;
    for (let i = 0; i < 1_203; i++)
      await audit.append(sampleAudit({ at: new Date(Date.parse(OLD) + i * 1_000).toISOString() }));
    await audit.append(sampleAudit({ at: RECENT, actor: "kept" }));
    const batches: number[] = [];
    for (let removed = -1; removed !== 0; ) {
      removed = await retention.purge("audit", BEFORE, 500);
      batches.push(removed);
    }
    expect(batches).toEqual([500, 500, 203, 0]);
    expect((await audit.query()).map((e) => e.actor)).toEqual(["kept"]);

    const id = await claimed(
      ctx.store,
      Array.from({ length: 75 }, (_, i): [string, string] => [`m${i}`, OLD]),
    );
    for (let i = 0; i < 75; i++)
      await ctx.store.outbox.markSent(id(`m${i}`), { platformMessageId: `p${i}`, at: OLD });
    expect(await retention.purge("outbox-sent", BEFORE, 30)).toBe(30);
    expect(await retention.purge("outbox-sent", BEFORE, 30)).toBe(30);
    expect(await retention.purge("outbox-sent", BEFORE, 30)).toBe(15);
    expect(await ctx.store.outbox.stats()).toMatchObject({ sent: 0 });
  });

  it("refuses a limit below 1", async () => {
    await expect(ctx.store.retention.purge("audit", BEFORE, 0)).rejects.toThrow(/limit must be 1 or more/);
  });
}

export function storedTextContract(ctx: ContractContext): void {
  const long = "情况".repeat(1_800); // 10,800 bytes

  it("caps free text in audit details, progress notes, requests and prompts at 4 KB, noting the length", async () => {
    const { audit, progress, prompts } = ctx.store;
    const entry = await audit.append(sampleAudit({ details: { text: long, reason: "not-in-directory" } }));
    const [stored] = await audit.query();
    expect(stored).toEqual(entry);
    expect(stored?.details).toMatchObject({ textLength: 3_600, reason: "not-in-directory" });
    expect(Buffer.byteLength(stored?.details.text as string)).toBeLessThanOrEqual(4_096);

    await progress.append(sampleReport({ note: long }));
    const [report] = await progress.history(52);
    expect(Buffer.byteLength(report?.note ?? "")).toBeLessThanOrEqual(4_096);
    expect(report).toMatchObject({ noteLength: 3_600 });
    const request = await ctx.store.requests.create(sampleRequest("r1", { reason: long }));
    expect(request).toMatchObject({ reasonLength: 3_600 });
    expect(await ctx.store.requests.get("r1")).toEqual(request);
    expect(Buffer.byteLength(request.reason ?? "")).toBeLessThanOrEqual(4_096);

    // The length noted survives a backup.
    const backup = parseDump(serializeDump(await ctx.store.exportAll()), "backup.json");
    expect(backup.progress[0]).toMatchObject({ noteLength: 3_600 });
    expect(backup.audit[0]?.details).toMatchObject({ textLength: 3_600 });
    expect(backup.requests[0]).toMatchObject({ reasonLength: 3_600 });

    await prompts.set("zhangsan", samplePrompt("p", { data: { draft: long } }));
    const [prompt] = await prompts.active("zhangsan", "2021-03-22T10:30:00+08:00");
    expect(prompt?.data).toMatchObject({ draftLength: 3_600 });
    expect(Buffer.byteLength((prompt?.data as { draft: string }).draft)).toBeLessThanOrEqual(4_096);
  });
}
