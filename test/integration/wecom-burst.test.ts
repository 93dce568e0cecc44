import nock from "nock";
import { afterAll, describe, expect, it } from "vitest";
import { createWecomApi } from "../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../src/channels/wecom/wecom-channel.js";
import { silentLogger } from "../../src/shared/logger.js";
import { peakInWindow } from "../../src/simulate/peak-in-window.js";
import {
  MEMBERS,
  tempSqliteStore,
  testDispatcher,
  textMessage,
  virtualClock,
} from "../fixtures/delivery/delivery-world.js";

const QYAPI = "https://qyapi.weixin.qq.com";
const START = "2021-04-06T01:05:00.000Z"; // Tuesday 6 April 2021, 09:05 in Shanghai
const MESSAGES = 5_000;
const STEP_MS = 5_000;

const temp = tempSqliteStore("duban-wecom-burst");
afterAll(temp.remove);

describe("5,000 reminders through the WeCom channel", () => {
  it("never reach WeCom faster than 30 a minute or 1000 an hour per member (WeCom drops the excess silently)", async () => {
    const clock = virtualClock(START);
    const api = createWecomApi({
      config: { corpId: "ww0000000000000001", agentId: 1000002, secret: "burst-secret", apiBaseUrl: QYAPI },
      clock,
      logger: silentLogger,
    });
    const channel = createWecomChannel({ api, clock, logger: silentLogger });
    const received = new Map<string, number[]>();
    nock(QYAPI)
      .get("/cgi-bin/gettoken")
      .query(true)
      .reply(200, { errcode: 0, errmsg: "ok", access_token: "burst-token", expires_in: 7200 })
      .persist();
    let msgid = 0;
    nock(QYAPI)
      .post("/cgi-bin/message/send")
      .query({ access_token: "burst-token" })
      .reply((_uri, body) => {
        const { touser } = body as { touser: string };
        for (const user of touser.split("|"))
          received.set(user, [...(received.get(user) ?? []), clock.now().getTime()]);
        return [200, { errcode: 0, errmsg: "ok", msgid: `msg-${++msgid}` }];
      })
      .persist();
    for (let i = 0; i < MESSAGES; i++) {
      const to = MEMBERS[i % 3]?.personId ?? "";
      await temp.store.outbox.enqueue({ ...textMessage(`wecom-burst-${i}`, to, START), channel: "wecom" });
    }
    const dispatcher = testDispatcher(temp.store, channel, clock, { batchSize: 100 });
    for (let step = 0; step < (4 * 3_600_000) / STEP_MS && msgid < MESSAGES; step++) {
      await dispatcher.dispatchDue();
      clock.advance(STEP_MS);
    }

    expect(msgid).toBe(MESSAGES);
    for (const member of MEMBERS) {
      const times = received.get(member.accounts.wecom ?? "") ?? [];
      expect(times.length).toBeGreaterThan(1600);
      expect(peakInWindow(times, 60_000)).toBe(30);
      expect(peakInWindow(times, 3_600_000)).toBeLessThanOrEqual(1000);
    }
    expect((await temp.store.outbox.stats()).sent).toBe(MESSAGES);
  }, 180_000);
});
