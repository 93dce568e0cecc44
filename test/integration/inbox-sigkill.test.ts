import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { startFakeWecomApi } from "../helpers/fake-wecom-api.js";
import {
  answersOnceSettled,
  burstUsers,
  CONTACTS,
  startSilentApi,
  textCallback,
} from "../helpers/inbox-faults.js";
import { seededDataDir, startServiceProcess } from "../helpers/service-process.js";

const USERS = burstUsers(56);

// Issue 11: a callback answered 200 is in the store first, so a SIGKILL right after the 200s loses
// none of them: the restarted service takes them over once their lease is over.
describe("duban serve SIGKILLed right after acknowledging a burst of callbacks, then restarted", () => {
  it("processes every acknowledged callback exactly once", async () => {
    const data = { path: seededDataDir("duban-inbox-kill") };
    const wecom = await startFakeWecomApi();
    const env = { ...V1_ENV, DUBAN_DATA_DIR: data.path };

    // On a busy machine the first process may well finish every event before the kill arrives; so
    // that some are certainly still unprocessed then, its answers to strangers cannot be written
    // (a trigger, dropped before the restart): their handling fails and waits for the sweep.
    const db = new Database(join(data.path, "duban.sqlite"));
    onTestFinished(() => {
      if (db.open) db.close();
    });
    db.exec(`CREATE TRIGGER fault_no_stranger_answers BEFORE INSERT ON outbox
             WHEN NEW.recipient LIKE 'wecom:fault.%' BEGIN SELECT RAISE(ABORT, 'fault injected'); END`);
    // The first process reaches a WeCom that never answers: nothing it does reaches the fake.
    const first = await startServiceProcess({ ...env, WECOM_API_BASE_URL: await startSilentApi() });
    const callbacks = USERS.map((user, n) => textCallback(user, n));
    const answers = await Promise.all(callbacks.map((c) => first.post(c.path, c.body)));
    first.child.kill("SIGKILL");
    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    const acknowledged = USERS.filter((_, i) => answers[i]?.status === 200);
    expect(acknowledged).toHaveLength(USERS.length);
    db.exec("DROP TRIGGER fault_no_stranger_answers");
    db.close();

    const second = await startServiceProcess({ ...env, WECOM_API_BASE_URL: wecom.baseUrl });
    // On a loaded machine the first process may have claimed answers before the kill: those come
    // back when their lease (2 min) ends, so the wait allows for it.
    const perUser = await answersOnceSettled(wecom.sends, acknowledged, 170_000);
    expect([...perUser.keys()].sort()).toEqual([...acknowledged].sort());
    expect([...perUser.values()].every((count) => count === 1)).toBe(true);
    const resumed = second.logs().filter((r) => r.msg === "inbound event resumed");
    expect(resumed.length).toBeGreaterThanOrEqual(USERS.length - CONTACTS.length);
    expect(await second.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 240_000);
});
