import nock from "nock";
import { describe, expect, it } from "vitest";
import { createDingtalkApi } from "../../../../src/channels/dingtalk/dingtalk-api.js";
import { createDingtalkChannel } from "../../../../src/channels/dingtalk/dingtalk-channel.js";
import { createSessionWebhooks } from "../../../../src/channels/dingtalk/dingtalk-session-webhooks.js";
import type { OutboundMessage } from "../../../../src/channels/message.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import {
  APP,
  fakeCounters,
  maxInAnySecond,
  OPENAPI,
  recordingFetch,
  recordingLogger,
  replyToken,
  virtualTime,
} from "./dingtalk-send-kit.js";

const BATCH = "/v1.0/robot/oToMessages/batchSend";
const PEOPLE = 5000;
const reminder: OutboundMessage = {
  kind: "text",
  text: "【督办提醒】请于3月20日前在系统中反馈本单位承办任务的进展。",
};
const people: Recipient[] = Array.from({ length: PEOPLE }, (_, i) => ({
  personId: `p${i}`,
  name: `联系人${i}`,
  accounts: { dingtalk: `user${i}` },
}));

/** The real channel and client on a virtual clock, DingTalk faked by nock; every batchSend recorded. */
function setup() {
  const time = virtualTime();
  const scope = replyToken(nock(OPENAPI), "dingaccesstoken0001");
  const userIds: string[][] = [];
  scope
    .post(BATCH)
    .times(PEOPLE)
    .reply((_uri, body) => {
      const batch = body as { userIds: string[]; msgParam: unknown };
      userIds.push(batch.userIds);
      expect(typeof batch.msgParam).toBe("string");
      return [
        200,
        { processQueryKey: `pqk-${userIds.length}`, invalidStaffIdList: [], flowControlledStaffIdList: [] },
      ];
    });
  const recorder = recordingFetch(time);
  const counters = fakeCounters(time);
  const api = createDingtalkApi({
    config: { ...APP, qpsLimit: 20, monthlyQuota: 10_000 },
    clock: time,
    sleep: time.sleep,
    fetch: recorder.fetch,
    counters,
  });
  const channel = createDingtalkChannel({
    config: APP,
    api,
    sessionWebhooks: createSessionWebhooks({ clock: time }),
    clock: time,
    logger: recordingLogger().logger,
  });
  const sendTimes = () => recorder.sent.filter((s) => s.path === BATCH).map((s) => s.atMs);
  const metered = () => counters.totals.get(`dingtalk:quota:${APP.clientId}:2026-03`) ?? 0;
  return { time, channel, userIds, sendTimes, metered };
}

describe("a reminder burst of 5,000 through the DingTalk channel", () => {
  it("as one request: 250 calls of 20, never more than 15 in a second on a 20 QPS app", async () => {
    const { time, channel, userIds, sendTimes, metered } = setup();
    const started = time.now().getTime();
    const results = await time.run(
      channel.send({ idempotencyKey: "wave", recipients: people, message: reminder }),
    );
    expect([...results.values()].filter((r) => r.status === "sent")).toHaveLength(PEOPLE);
    expect(userIds).toHaveLength(PEOPLE / 20);
    expect(userIds.every((batch) => batch.length === 20)).toBe(true);
    expect(new Set(userIds.flat()).size).toBe(PEOPLE);
    const times = sendTimes();
    expect(maxInAnySecond(times)).toBeLessThanOrEqual(15);
    // Paced, not stalled: 250 calls at 15 a second take about 17 s.
    expect((times.at(-1) ?? 0) - started).toBeLessThan(17_000);
    expect(metered()).toBe(250);
  });

  it("as 5,000 separate sends (one outbox row each): gathered into calls of at most 20, within the bucket", async () => {
    const { time, channel, userIds, sendTimes, metered } = setup();
    const sends = people.map((recipient, i) =>
      channel.send({ idempotencyKey: `row-${i}`, recipients: [recipient], message: reminder }),
    );
    const results = await time.run(Promise.all(sends));
    expect(results.map((r, i) => r.get(`p${i}`)?.status).filter((s) => s === "sent")).toHaveLength(PEOPLE);
    expect(userIds.every((batch) => batch.length <= 20)).toBe(true);
    expect(new Set(userIds.flat()).size).toBe(PEOPLE);
    // All but the first call (which leaves at once) are full.
    expect(userIds.length).toBeLessThanOrEqual(PEOPLE / 20 + 1);
    expect(maxInAnySecond(sendTimes())).toBeLessThanOrEqual(15);
    expect(metered()).toBe(userIds.length);
  });
});
