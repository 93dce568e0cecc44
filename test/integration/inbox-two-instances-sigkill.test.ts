import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { startFakeWecomApi } from "../helpers/fake-wecom-api.js";
import { answersOnceSettled, startSilentApi, textCallback } from "../helpers/inbox-faults.js";
import { seededDataDir, startServiceProcess } from "../helpers/service-process.js";

/** Strangers only: each gets one polite answer, and none has a reminder card in the way. */
const USERS = Array.from({ length: 40 }, (_, i) => `fault.pair${String(i + 1).padStart(3, "0")}`);

// Issue 11, item 8: two instances on one store, callbacks spread over both, one SIGKILLed while
// events it acknowledged are still unprocessed: the other takes them over, and each callback is
// answered exactly once.
describe("two duban serve instances on one store, one SIGKILLed mid-burst", () => {
  it("the survivor processes every callback either acknowledged, exactly once", async () => {
    const data = seededDataDir("duban-two-kill");
    const wecom = await startFakeWecomApi();
    const env = { ...V1_ENV, DUBAN_DATA_DIR: data };
    // Until the kill, no answer can be written (a trigger): every event waits, acknowledged but
    // unprocessed, under a lease of the instance that took it.
    const db = new Database(join(data, "duban.sqlite"));
    onTestFinished(() => {
      if (db.open) db.close();
    });
    db.exec(`CREATE TRIGGER fault_hold_answers BEFORE INSERT ON outbox
             WHEN NEW.recipient LIKE 'wecom:fault.%' BEGIN SELECT RAISE(ABORT, 'fault injected'); END`);
    // The instance to be killed reaches a WeCom that never answers; the survivor the recording fake.
    const doomed = await startServiceProcess({ ...env, WECOM_API_BASE_URL: await startSilentApi() });
    const survivor = await startServiceProcess({ ...env, WECOM_API_BASE_URL: wecom.baseUrl });
    const answers = await Promise.all(
      USERS.map((user, n) => {
        const callback = textCallback(user, n);
        return (n % 2 === 0 ? doomed : survivor).post(callback.path, callback.body);
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(USERS.map(() => 200));
    doomed.child.kill("SIGKILL");
    expect(await doomed.exited).toEqual({ code: null, signal: "SIGKILL" });
    db.exec("DROP TRIGGER fault_hold_answers");
    db.close();

    const perUser = await answersOnceSettled(wecom.sends, USERS, 90_000);
    expect([...perUser.keys()].sort()).toEqual([...USERS].sort());
    expect([...perUser.values()].every((count) => count === 1)).toBe(true);
    // Half of the answers could only come from the killed instance's events, taken over by the
    // survivor once their lease was over (the survivor's own failed ones are resumed the same way).
    expect(survivor.logs().filter((r) => r.msg === "inbound event resumed").length).toBeGreaterThanOrEqual(
      USERS.length / 2,
    );
    expect(await survivor.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 150_000);
});
