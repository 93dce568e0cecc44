import { describe, expect, it } from "vitest";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { startFakeWecomApi } from "../helpers/fake-wecom-api.js";
import { answersOnceSettled, CONTACTS, textCallback } from "../helpers/inbox-faults.js";
import { runBuiltCli, seededDataDir, startServiceProcess } from "../helpers/service-process.js";

// Issue 11, items 3 and 8: a 45009 storm against the built service. WeCom refuses every send for a
// while; the channel pauses as one incident (WeCom's first pause is a minute), a few calls probe it,
// no message is counted as failed or dead-lettered, and every answer goes out once afterwards.
describe("duban serve through a 45009 storm", () => {
  it("pauses the channel, dead-letters nothing and answers everyone once when WeCom lets it", async () => {
    const data = seededDataDir("duban-storm");
    // WeCom refuses every send for 20 s; the service's first pause after 45009 is a minute.
    const wecom = await startFakeWecomApi({ rateLimitForMs: 20_000 });
    const env = { ...V1_ENV, DUBAN_DATA_DIR: data, WECOM_API_BASE_URL: wecom.baseUrl };
    const service = await startServiceProcess(env);
    for (const [n, user] of CONTACTS.entries()) {
      const callback = textCallback(user, n);
      expect((await service.post(callback.path, callback.body)).status).toBe(200);
    }
    const perUser = await answersOnceSettled(wecom.sends, CONTACTS, 150_000);
    expect([...perUser.keys()].sort()).toEqual([...CONTACTS].sort());
    expect([...perUser.values()].every((count) => count === 1)).toBe(true);
    // 24 answers waited through the storm on the calls the dispatcher's four lanes had in flight
    // when it began (at most four), not one refused call per answer and retry.
    expect(wecom.refused.length).toBeGreaterThanOrEqual(1);
    expect(wecom.refused.length).toBeLessThanOrEqual(4);
    const paused = service.logs().filter((r) => r.msg === "channel paused: its sends fail for every message");
    expect(paused).toHaveLength(1);
    expect(service.logs().filter((r) => r.msg === "send failed; will retry")).toEqual([]);
    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    // Nothing dead, nothing retrying: the operator's view of the outbox.
    const outbox = runBuiltCli(["outbox"], { DUBAN_DATA_DIR: data });
    expect(outbox.code, outbox.stderr).toBe(0);
    expect(outbox.stdout, outbox.stdout).toMatch(/重试中0条，发送中0条，未能送达0条/);
  }, 200_000);
});
