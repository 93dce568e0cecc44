import nock from "nock";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createWecomApi } from "../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../src/channels/wecom/wecom-channel.js";
import { createDeliveryNotifier } from "../../src/delivery/create-dead-letter-notifier.js";
import type { DispatchReport } from "../../src/delivery/create-dispatcher.js";
import type { Recipient } from "../../src/directory/recipient.js";
import { createLogger } from "../../src/shared/logger.js";
import {
  MEMBERS,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  virtualClock,
} from "../fixtures/delivery/delivery-world.js";

const QYAPI = "https://qyapi.weixin.qq.com";
const START = "2021-04-06T01:05:00.000Z"; // Tuesday 6 April 2021, 09:05 in Shanghai
const OUTAGE_MS = 2 * 3_600_000;
const STEP_MS = 30_000;
const MESSAGES = 65;
const ADMINS: Recipient[] = [
  { personId: "wecom:admin1", name: "督办员甲", accounts: { wecom: "admin1" } },
  { personId: "wecom:admin2", name: "督办员乙", accounts: { wecom: "admin2" } },
];
const people = new Map([...MEMBERS, ...ADMINS].map((r) => [r.personId, r]));

const temp = tempSqliteStore("duban-wecom-outage");
afterAll(temp.remove);
afterEach(() => nock.cleanAll());

describe("a 2-hour WeCom outage", () => {
  it("loses nothing: no dead letter, everything delivered after, one outage and one recovery notice per admin", async () => {
    const clock = virtualClock(START);
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({
      level: "info",
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const api = createWecomApi({
      config: { corpId: "ww0000000000000001", agentId: 1000002, secret: "outage-secret", apiBaseUrl: QYAPI },
      clock,
      logger,
    });
    const channel = createWecomChannel({ api, clock, logger });
    let tokens = 0;
    nock(QYAPI)
      .get("/cgi-bin/gettoken")
      .query(true)
      .reply(() => {
        tokens++;
        return [200, { errcode: 0, errmsg: "ok", access_token: "outage-token", expires_in: 7200 }];
      })
      .persist();
    const end = Date.parse(START) + OUTAGE_MS;
    const delivered = new Map<string, string[]>();
    let refused = 0;
    let msgid = 0;
    nock(QYAPI)
      .post("/cgi-bin/message/send")
      .query(true)
      .reply((_uri, body) => {
        // Down for 2 hours: WeCom busy (-1) or its gateway answering 503, by turns.
        if (clock.now().getTime() < end) {
          refused++;
          return refused % 2 === 0
            ? [503, "Service Unavailable"]
            : [200, { errcode: -1, errmsg: "system busy" }];
        }
        const { touser, text } = body as { touser: string; text?: { content: string } };
        delivered.set(touser, [...(delivered.get(touser) ?? []), text?.content ?? ""]);
        return [200, { errcode: 0, errmsg: "ok", msgid: `msg-${++msgid}` }];
      })
      .persist();

    // A morning's reminders, all due at 09:05.
    for (let i = 0; i < MESSAGES; i++) {
      const to = MEMBERS[i % 3]?.personId ?? "";
      await temp.store.outbox.enqueue({ ...textMessage(`outage-${i}`, to, START), channel: "wecom" });
    }
    const dispatcher = testDispatcher(temp.store, channel, clock, {
      recipients: (id) => people.get(id),
      logger,
      notices: createDeliveryNotifier({
        outbox: temp.store.outbox,
        admins: () => ADMINS,
        recipients: (id) => people.get(id),
        clock,
        logger,
      }),
    });
    const stopAt = end + 90 * 60_000;
    while (clock.now().getTime() < stopAt) {
      await dispatcher.dispatchDue();
      clock.advance(STEP_MS);
    }

    const stats = await temp.store.outbox.stats();
    expect(stats.dead).toBe(0);
    expect(stats).toMatchObject({ pending: 0, failed: 0, claimed: 0, sent: MESSAGES + 2 * ADMINS.length });
    const toMembers = MEMBERS.reduce((n, m) => n + (delivered.get(m.accounts.wecom ?? "")?.length ?? 0), 0);
    expect(toMembers).toBe(MESSAGES);
    for (const admin of ADMINS) {
      const texts = delivered.get(admin.accounts.wecom ?? "") ?? [];
      expect(texts.filter((t) => t.startsWith("【发送通道故障】"))).toHaveLength(1);
      expect(texts.filter((t) => t.startsWith("【发送通道恢复】"))).toHaveLength(1);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toMatch(/^【发送通道故障】/);
      const outage = texts.find((t) => t.startsWith("【发送通道故障】")) ?? "";
      expect(outage).toContain("企业微信自4月6日 09:05起无法发送消息");
      expect(outage).toContain("系统会持续自动重试");
      expect(outage).not.toContain("停止");
    }

    // Issue #11: the outage is one incident. The channel pauses (15 s, doubling to 5 min), one
    // message tries after each pause, and the log says so once, with the pause's end in ISO.
    const paused = lines.filter(
      (l) => l.level === "warn" && l.msg === "channel paused: its sends fail for every message",
    );
    expect(paused).toHaveLength(1);
    expect(paused[0]?.until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines.filter((l) => l.msg === "send failed; will retry")).toEqual([]);
    expect(lines.filter((l) => l.msg === "WeCom message/send failed")).toEqual([]);
    // 2 hours of 15 s, 30 s … 5 min pauses: about 30 tries, not one per message per retry.
    expect(refused).toBeGreaterThan(20);
    expect(refused).toBeLessThan(40);
    expect(JSON.stringify(lines)).not.toContain(":{}");
    // One token for the whole morning (it is refreshed once, 5 min before its 2 h run out).
    expect(tokens).toBeLessThanOrEqual(2);
  }, 120_000);

  it("holds everything while gettoken refuses the secret (40001), asking it at most once a minute, then sends it all", async () => {
    const clock = virtualClock(START);
    const api = createWecomApi({
      config: {
        corpId: "ww0000000000000002",
        agentId: 1000002,
        secret: "wrong-then-right",
        apiBaseUrl: QYAPI,
      },
      clock,
    });
    const logger = createLogger({ write: () => {} });
    const channel = createWecomChannel({ api, clock, logger });
    const end = Date.parse(START) + 3_600_000;
    let tokenCalls = 0;
    nock(QYAPI)
      .get("/cgi-bin/gettoken")
      .query((q) => q.corpid === "ww0000000000000002")
      .reply(() => {
        tokenCalls++;
        return clock.now().getTime() < end
          ? [200, { errcode: 40001, errmsg: "invalid credential" }]
          : [200, { errcode: 0, errmsg: "ok", access_token: "fixed-token", expires_in: 7200 }];
      })
      .persist();
    const delivered: string[] = [];
    nock(QYAPI)
      .post("/cgi-bin/message/send")
      .query({ access_token: "fixed-token" })
      .reply((_uri, body) => {
        const { touser, text } = body as { touser: string; text?: { content: string } };
        delivered.push(`${touser}:${text?.content ?? ""}`);
        return [200, { errcode: 0, errmsg: "ok", msgid: `m-${delivered.length}` }];
      })
      .persist();
    const store = tempSqliteStore("duban-wecom-secret");
    try {
      for (let i = 0; i < MESSAGES; i++) {
        const to = MEMBERS[i % 3]?.personId ?? "";
        await store.store.outbox.enqueue({ ...textMessage(`secret-${i}`, to, START), channel: "wecom" });
      }
      const dispatcher = testDispatcher(store.store, channel, clock, {
        recipients: (id) => people.get(id),
        notices: createDeliveryNotifier({
          outbox: store.store.outbox,
          admins: () => ADMINS,
          recipients: (id) => people.get(id),
          clock,
          logger,
        }),
      });
      const reports: DispatchReport[] = [];
      while (clock.now().getTime() < end + 90 * 60_000) {
        reports.push(await dispatcher.dispatchDue());
        clock.advance(STEP_MS);
      }
      const stats = await store.store.outbox.stats();
      expect(stats).toMatchObject({ dead: 0, failed: 0, pending: 0, sent: MESSAGES + 2 * ADMINS.length });
      // Issue #11: a refused token is one incident for the channel, not a failure per message:
      // no attempt is counted against any message, and they wait for the pause to end.
      expect(reports.reduce((n, r) => n + r.retried, 0)).toBe(0);
      expect(reports.reduce((n, r) => n + r.deferredChannel, 0)).toBeGreaterThan(MESSAGES);
      expect(tokenCalls).toBeLessThanOrEqual(62);
      const outage = delivered.filter((d) => d.startsWith("admin1:【发送通道故障】"));
      expect(outage).toHaveLength(1);
      expect(outage[0]).toContain("WECOM_SECRET");
    } finally {
      await store.remove();
    }
  }, 120_000);
});
