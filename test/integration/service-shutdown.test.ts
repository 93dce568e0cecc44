import { describe, expect, it } from "vitest";
import { V1_ENV } from "../fixtures/wecom/vectors.js";
import { startFakeWecomApi } from "../helpers/fake-wecom-api.js";
import { seededDataDir, startServiceProcess, waitFor } from "../helpers/service-process.js";
import { sealWecomCallback } from "../helpers/wecom-request.js";

const CONTACTS = Array.from({ length: 24 }, (_, i) => `demo.u${String(i + 1).padStart(2, "0")}.contact`);

/** A text message from `user` as WeCom posts it to the callback URL: signed and encrypted. */
function textCallback(user: string, n: number) {
  const plain =
    `<xml><ToUserName><![CDATA[${V1_ENV.WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName>` +
    `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[请问本月进展怎么报？]]></Content><MsgId>${7_000_000_000 + n}</MsgId>` +
    `<AgentID>${V1_ENV.WECOM_AGENT_ID}</AgentID></xml>`;
  return sealWecomCallback(
    plain,
    { corpId: V1_ENV.WECOM_CORP_ID, token: V1_ENV.WECOM_TOKEN, aesKey: V1_ENV.WECOM_AES_KEY, agentId: 218 },
    { timestamp: String(Math.floor(Date.now() / 1000)) },
  );
}

// Issue 9: SIGTERM in the middle of sending, then a restart: every answer reaches WeCom exactly once.
describe("duban serve stopped by SIGTERM mid-dispatch and started again", () => {
  it("loses nothing and sends nothing twice", async () => {
    const data = { path: seededDataDir("duban-sigterm") };
    const wecom = await startFakeWecomApi({ sendDelayMs: 150 });
    const env = { ...V1_ENV, WECOM_API_BASE_URL: wecom.baseUrl, DUBAN_DATA_DIR: data.path };
    const toContacts = () => wecom.sends.filter((s) => CONTACTS.includes(s.touser));

    const first = await startServiceProcess(env);
    for (const [n, user] of CONTACTS.entries()) {
      const callback = textCallback(user, n);
      const answer = await first.post(`/wecom/callback?${callback.search}`, callback.body);
      expect(answer.status).toBe(200);
    }
    // Four sends at a time, 150 ms each: stop while most answers are still in the outbox.
    await waitFor("the first answers to reach WeCom", async () => toContacts().length >= 4, { everyMs: 10 });
    const stoppedAt = Date.now();
    expect(await first.stop("SIGTERM")).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    const beforeRestart = toContacts().length;
    expect(beforeRestart).toBeLessThan(CONTACTS.length);
    expect(first.logs().find((r) => r.msg === "stopped")).toMatchObject({ outcome: "clean" });

    const second = await startServiceProcess(env);
    await waitFor("every answer after the restart", async () => toContacts().length >= CONTACTS.length, {
      timeoutMs: 60_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // a late duplicate would show by now
    const perUser = new Map<string, number>();
    for (const send of toContacts()) perUser.set(send.touser, (perUser.get(send.touser) ?? 0) + 1);
    expect([...perUser.keys()].sort()).toEqual([...CONTACTS].sort());
    expect([...perUser.values()].every((count) => count === 1)).toBe(true);
    expect(await second.stop("SIGINT")).toEqual({ code: 0, signal: null });
  }, 120_000);
});
