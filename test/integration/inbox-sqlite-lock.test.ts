import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { startFakeWecomApi } from "../helpers/fake-wecom-api.js";
import { CONTACTS, sendsPerUser, textCallback } from "../helpers/inbox-faults.js";
import { seededDataDir, startServiceProcess, waitFor } from "../helpers/service-process.js";

const USERS = CONTACTS.slice(0, 3);

// Issue 11: while another connection holds SQLite's write lock the callback cannot be stored, so
// WeCom must not get its 200 (it never retries after one); it gets a 5xx, and its retry counts.
describe("callbacks while another connection holds SQLite's write lock", () => {
  it("answer 5xx, and WeCom's retry after the lock is released is processed once", async () => {
    const data = { path: seededDataDir("duban-inbox-lock") };
    const wecom = await startFakeWecomApi();
    const service = await startServiceProcess({
      ...V1_ENV,
      WECOM_API_BASE_URL: wecom.baseUrl,
      DUBAN_DATA_DIR: data.path,
    });
    // The start-up runs (jobs, first dispatch round) are over before the lock is taken.
    await waitFor(
      "the start-up jobs",
      async () => service.logs().filter((r) => r.msg === "job ran").length >= 2,
    );
    const callbacks = USERS.map((user, n) => textCallback(user, n));

    const locker = new Database(join(data.path, "duban.sqlite"));
    onTestFinished(() => {
      if (locker.open) locker.close();
    });
    locker.exec("BEGIN IMMEDIATE");
    const refused = await Promise.all(callbacks.map((c) => service.post(c.path, c.body)));
    expect(refused.map((answer) => answer.status >= 500 && answer.status < 600)).toEqual([true, true, true]);
    locker.exec("ROLLBACK");
    locker.close();

    // WeCom's retries: the same sealed callbacks, POSTed again (twice, as WeCom may).
    for (const c of [...callbacks, ...callbacks])
      expect((await service.post(c.path, c.body)).status).toBe(200);
    await waitFor("an answer to each retried callback", async () =>
      USERS.every((user) => (sendsPerUser(wecom.sends).get(user) ?? 0) >= 1),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a late duplicate would show by now
    expect(Object.fromEntries(sendsPerUser(wecom.sends))).toEqual(
      Object.fromEntries(USERS.map((u) => [u, 1])),
    );
    expect(
      service.logs().filter((r) => r.msg.includes("answered 503 so that WeCom retries")).length,
    ).toBeGreaterThan(0);
    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 120_000);
});
