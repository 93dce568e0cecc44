import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalChannel } from "../../src/channels/local/local-channel.js";
import { inBusinessTz } from "../../src/shared/clock.js";
import { silentLogger } from "../../src/shared/logger.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { MEMBERS, testDispatcher, textMessage, virtualClock } from "../fixtures/delivery/delivery-world.js";
import { runCli } from "../helpers/run-cli.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const dir = makeTempDir("duban-cli-outbox");
afterAll(() => dir.remove());

// An hour ago in real time: `retry` runs on the system clock, and a message keeps being retried
// for 24 h after its planned time.
const T0 = new Date(Date.now() - 3_600_000).toISOString();
const alice = MEMBERS[0]?.personId ?? "";
const bob = MEMBERS[1]?.personId ?? "";

/** A data dir whose outbox holds two dead messages, one retrying far ahead and one sent. */
async function seed(dataDir: string) {
  const store = new SqliteStore({ path: join(dataDir, "duban.sqlite") });
  const lease = { limit: 1, leaseMs: 60_000, worker: "w" };
  const ids: number[] = [];
  for (const key of ["dead-1", "dead-2", "retrying", "sent"]) {
    // Immediate, so that the dispatch below sends them whatever the real time of day.
    const to = key === "dead-2" ? bob : alice;
    const { id } = await store.outbox.enqueue(textMessage(key, to, T0, { immediate: true }));
    ids.push(id);
    await store.outbox.claimDue(T0, lease);
    if (key.startsWith("dead"))
      await store.outbox.markDead(id, {
        error: "计划发送后24小时内一直未能发出，消息已过时效。",
        worker: "w",
      });
    if (key === "retrying")
      await store.outbox.markFailed(id, {
        error: "企业微信系统繁忙（错误码 -1）。",
        retryAt: "2099-01-01T00:00:00.000Z",
        worker: "w",
      });
    if (key === "sent") await store.outbox.markSent(id, { platformMessageId: "m", at: T0 });
  }
  await store.close();
  return ids;
}

describe("duban outbox", () => {
  it("lists what waits and what died, and `retry --dead` re-queues them so that a dispatch sends them", async () => {
    const dataDir = join(dir.path, "a");
    const [dead1, dead2, retrying] = await seed(dataDir);
    const env = { DUBAN_DATA_DIR: join(dir.path, "elsewhere") };

    const listed = runCli(["outbox", "--data-dir", dataDir], env);
    expect(listed.stderr).toBe("");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain("待发送0条，重试中1条，发送中0条，未能送达2条，已发送1条");
    expect(listed.stdout).toContain("编号　收件人　渠道　状态　尝试次数　预定发送时间　最近错误");
    const due = inBusinessTz(T0).format("YYYY-MM-DD HH:mm");
    expect(listed.stdout).toContain(`${dead1}　wecom:c1　local　未能送达　1　${due}　计划发送后24小时`);

    const json = runCli(["outbox", "--json", "--status", "dead", "--data-dir", dataDir], env);
    const parsed = JSON.parse(json.stdout) as { counts: Record<string, number>; messages: { id: number }[] };
    expect(parsed.counts).toMatchObject({ dead: 2, failed: 1, sent: 1 });
    expect(parsed.messages.map((m) => m.id)).toEqual([dead1, dead2]);

    // Without --dead only the retrying one is touched, and the command says how to revive the rest.
    const plain = runCli(["outbox", "retry", "--data-dir", dataDir], env);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("已重新排队1条消息：重试中的1条改为立即发送，未能送达的0条已恢复");

    const revived = runCli(["outbox", "retry", "--dead", "--data-dir", dataDir], env);
    expect(revived.stderr).toBe("");
    expect(revived.code).toBe(0);
    expect(revived.stdout).toContain("已重新排队3条消息：重试中的1条改为立即发送，未能送达的2条已恢复");

    const store = new SqliteStore({ path: join(dataDir, "duban.sqlite") });
    try {
      expect(await store.outbox.get(dead1 ?? 0)).toMatchObject({ status: "pending", attempts: 0 });
      // `retry` made them due at the real time it ran; the dispatch runs a minute later.
      const clock = virtualClock(new Date(Date.now() + 60_000).toISOString());
      const channel = createLocalChannel({ clock, logger: silentLogger, budgets: [] });
      const report = await testDispatcher(store, channel, clock).dispatchDue();
      expect(report).toMatchObject({ sent: 3, dead: 0 });
      expect(
        channel
          .sent()
          .map((m) => m.idempotencyKey)
          .sort(),
      ).toEqual(["dead-1", "dead-2", "retrying"]);
      expect(await store.outbox.stats()).toMatchObject({ sent: 4, dead: 0, failed: 0, pending: 0 });
      expect(retrying).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it("refuses an unknown id and a bad status with what to do instead", async () => {
    const dataDir = join(dir.path, "b");
    await seed(dataDir);
    const unknown = runCli(["outbox", "retry", "99", "--data-dir", dataDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("找不到编号为 99 的消息");
    const bad = runCli(["outbox", "--status", "gone", "--data-dir", dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--status 只能是");
    const badId = runCli(["outbox", "retry", "x1", "--data-dir", dataDir]);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain("“x1”不是消息编号");
    const notDead = runCli(["outbox", "retry", "1", "--data-dir", dataDir]);
    expect(notDead.code).toBe(0);
    expect(notDead.stdout).toContain("未能送达的消息需加 --dead");
  });
});
