import nock from "nock";
import { describe, expect, it } from "vitest";
import type { CardUpdateRequest, SendResult } from "../../../../src/channels/channel.js";
import { createDingtalkApi } from "../../../../src/channels/dingtalk/dingtalk-api.js";
import {
  createDingtalkChannel,
  SESSION_WEBHOOK_MESSAGE_ID,
} from "../../../../src/channels/dingtalk/dingtalk-channel.js";
import type { DingtalkCards, DingtalkTarget } from "../../../../src/channels/dingtalk/dingtalk-contracts.js";
import { createSessionWebhooks } from "../../../../src/channels/dingtalk/dingtalk-session-webhooks.js";
import type { Card, OutboundMessage } from "../../../../src/channels/message.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import {
  APP,
  fakeCounters,
  OPENAPI,
  recordingFetch,
  recordingLogger,
  replyToken,
  virtualTime,
} from "./dingtalk-send-kit.js";

const TOKEN = "dingaccesstoken0001";
const BATCH = "/v1.0/robot/oToMessages/batchSend";
const GROUP = "/v1.0/robot/groupMessages/send";
const WEBHOOK_HOST = "https://oapi.dingtalk.com";
const WEBHOOK_PATH = "/robot/sendBySession";
const webhookUrl = (session: string) => `${WEBHOOK_HOST}${WEBHOOK_PATH}?session=${session}`;

type BatchBody = { robotCode: string; userIds: string[]; msgKey: string; msgParam: string };
type GroupBody = { robotCode: string; openConversationId: string; msgKey: string; msgParam: string };

const person = (i: number, account: string | null = `user${i}`): Recipient => ({
  personId: `p${i}`,
  name: `联系人${i}`,
  accounts: account ? { dingtalk: account } : {},
});
const text: OutboundMessage = { kind: "text", text: "请反馈52号任务进展" };
const card: Card = {
  title: "52号任务 进展提醒",
  description: "请于3月20日前反馈",
  fields: [{ label: "牵头单位", value: "区发改局" }],
  buttons: [{ key: "ack", text: "签收", style: "primary" }],
  url: "https://duban.example.gov.cn/t/52",
};

function setup(options: { cards?: DingtalkCards } = {}) {
  const time = virtualTime();
  const scope = replyToken(nock(OPENAPI), TOKEN);
  const recorder = recordingFetch(time);
  const counters = fakeCounters(time);
  const api = createDingtalkApi({
    config: APP,
    clock: time,
    sleep: time.sleep,
    fetch: recorder.fetch,
    counters,
  });
  const sessionWebhooks = createSessionWebhooks({ clock: time });
  const { logger, lines } = recordingLogger();
  const channel = createDingtalkChannel({
    config: APP,
    api,
    sessionWebhooks,
    clock: time,
    logger,
    ...(options.cards ? { cards: options.cards } : {}),
  });
  const batches: BatchBody[] = [];
  const groups: GroupBody[] = [];
  const replyBatch = (...answers: Array<Record<string, unknown> | [number, unknown]>) => {
    for (const answer of answers) {
      const interceptor = scope.post(BATCH, (body: BatchBody) => {
        batches.push(body);
        return true;
      });
      if (Array.isArray(answer)) interceptor.reply(answer[0], answer[1] as nock.Body);
      else interceptor.reply(200, answer);
    }
  };
  const replyGroup = (answer: Record<string, unknown>) =>
    scope
      .post(GROUP, (body: GroupBody) => {
        groups.push(body);
        return true;
      })
      .reply(200, answer);
  const metered = () => counters.totals.get(`dingtalk:quota:${APP.clientId}:2026-03`) ?? 0;
  const send = (recipients: Recipient[], message: OutboundMessage = text, cardId?: string) =>
    time.run(channel.send({ idempotencyKey: "k1", recipients, message, ...(cardId ? { cardId } : {}) }));
  return {
    time,
    scope,
    api,
    channel,
    sessionWebhooks,
    batches,
    groups,
    replyBatch,
    replyGroup,
    send,
    lines,
    metered,
    recorder,
  };
}

describe("createDingtalkChannel: robot 1:1 messages", () => {
  it("sends text as sampleText with msgParam a JSON string, one call for all recipients", async () => {
    const { send, batches, replyBatch, scope, metered } = setup();
    replyBatch({ processQueryKey: "pqk-1", invalidStaffIdList: [], flowControlledStaffIdList: [] });
    const results = await send([person(1), person(2)]);
    expect(batches).toEqual([
      {
        robotCode: APP.robotCode,
        userIds: ["user1", "user2"],
        msgKey: "sampleText",
        msgParam: JSON.stringify({ content: "请反馈52号任务进展" }),
      },
    ]);
    expect(typeof batches[0]?.msgParam).toBe("string");
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "pqk-1" });
    expect(results.get("p2")).toEqual({ status: "sent", platformMessageId: "pqk-1" });
    expect(metered()).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it("sends markdown as sampleMarkdown with its title, shown in bold at the top", async () => {
    const { send, batches, replyBatch } = setup();
    replyBatch({ processQueryKey: "pqk-1" });
    await send([person(1)], { kind: "markdown", title: "周报", markdown: "- 已办结 3 项" });
    expect(batches[0]?.msgKey).toBe("sampleMarkdown");
    expect(JSON.parse(batches[0]?.msgParam ?? "")).toEqual({
      title: "周报",
      text: "**周报**\n\n- 已办结 3 项",
    });
  });

  it("batches 45 recipients into calls of 20, 20 and 5, one metered call each", async () => {
    const { send, batches, replyBatch, metered } = setup();
    replyBatch({ processQueryKey: "a" }, { processQueryKey: "b" }, { processQueryKey: "c" });
    const people = Array.from({ length: 45 }, (_, i) => person(i));
    const results = await send(people);
    expect(batches.map((b) => b.userIds.length)).toEqual([20, 20, 5]);
    expect(new Set(batches.flatMap((b) => b.userIds)).size).toBe(45);
    expect(results.get("p44")).toEqual({ status: "sent", platformMessageId: "c" });
    expect(metered()).toBe(3);
  });

  it("gathers separate sends of the same message into one call while it waits for its slot", async () => {
    const { time, channel, batches, replyBatch } = setup();
    replyBatch({ processQueryKey: "one" });
    const sends = [1, 2, 3].map((i) =>
      channel.send({ idempotencyKey: `k${i}`, recipients: [person(i)], message: text }),
    );
    const results = await time.run(Promise.all(sends));
    expect(batches.map((b) => b.userIds)).toEqual([["user1", "user2", "user3"]]);
    expect(results.map((r, i) => r.get(`p${i + 1}`)?.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("marks a recipient without a DingTalk account invalid and sends to the others", async () => {
    const { send, batches, replyBatch } = setup();
    replyBatch({ processQueryKey: "pqk" });
    const results = await send([person(1), person(2, null)]);
    expect(results.get("p2")).toMatchObject({
      status: "invalid-recipient",
      reason: expect.stringContaining("钉钉账号"),
    });
    expect(batches.map((b) => b.userIds)).toEqual([["user1"]]);
  });

  it("maps invalidStaffIdList to invalid-recipient and flowControlledStaffIdList to a per-person back-off", async () => {
    const { send, replyBatch } = setup();
    replyBatch({
      processQueryKey: "pqk",
      invalidStaffIdList: ["user2"],
      flowControlledStaffIdList: ["user3"],
    });
    const results = await send([person(1), person(2), person(3)]);
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "pqk" });
    expect(results.get("p2")).toMatchObject({
      status: "invalid-recipient",
      reason: expect.stringContaining("可见范围"),
    });
    const flow = results.get("p3");
    expect(flow).toMatchObject({ status: "rate-limited", retryAfterMs: 60_000 });
    // The person's back-off, not the channel's: the dispatcher must not pause everyone.
    expect(flow && "scope" in flow ? flow.scope : undefined).toBeUndefined();
  });

  it("climbs 1, 5, 15 minutes for a person flow-controlled again and again, and starts over once they get one", async () => {
    const { send, replyBatch, time } = setup();
    const controlled = { processQueryKey: "pqk", flowControlledStaffIdList: ["user1"] };
    replyBatch(controlled, controlled, controlled, controlled, { processQueryKey: "ok" }, controlled);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const result = (await send([person(1)])).get("p1") as SendResult;
      waits.push(result.status === "rate-limited" ? result.retryAfterMs : 0);
      time.advance(result.status === "rate-limited" ? result.retryAfterMs : 1000);
    }
    expect(waits).toEqual([60_000, 300_000, 900_000, 900_000, 0, 60_000]);
  });

  it("fails every recipient of a call the app could not make, for the channel as a whole", async () => {
    const { send, replyBatch } = setup();
    replyBatch([403, { code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", message: "无权限" }]);
    const results = await send([person(1), person(2)]);
    for (const id of ["p1", "p2"])
      expect(results.get(id)).toMatchObject({
        status: "transient-error",
        scope: "channel",
        reason: expect.stringContaining("qyapi_robot_sendmsg"),
      });
  });

  it("reports QpsLimitForApi as the channel's rate limit with the hold's length", async () => {
    const { send, replyBatch } = setup();
    replyBatch([403, { code: "Forbidden.AccessDenied.QpsLimitForApi" }]);
    const result = (await send([person(1)])).get("p1");
    expect(result).toMatchObject({ status: "rate-limited", scope: "channel" });
    const wait = result?.status === "rate-limited" ? result.retryAfterMs : 0;
    expect(wait).toBeGreaterThanOrEqual(1000);
    expect(wait).toBeLessThan(2000);
  });

  it("sends long text as several messages in order, and no further part to someone a part failed for", async () => {
    const { send, batches, replyBatch } = setup();
    const line = "一二三四五六七八九十".repeat(10); // 300 bytes
    const long: OutboundMessage = { kind: "text", text: Array.from({ length: 15 }, () => line).join("\n") };
    replyBatch(
      { processQueryKey: "a", invalidStaffIdList: ["user2"] },
      { processQueryKey: "b" },
      { processQueryKey: "c" },
    );
    const results = await send([person(1), person(2)], long);
    expect(batches).toHaveLength(3);
    expect(batches.slice(1).map((b) => b.userIds)).toEqual([["user1"], ["user1"]]);
    for (const b of batches)
      expect(Buffer.byteLength(JSON.parse(b.msgParam).content)).toBeLessThanOrEqual(2048);
    expect(batches.map((b) => JSON.parse(b.msgParam).content).join("\n")).toBe(
      long.kind === "text" ? long.text : "",
    );
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "a,b,c" });
    expect(results.get("p2")).toMatchObject({ status: "invalid-recipient" });
  });

  it("refuses what no platform can show, before calling DingTalk", async () => {
    const { send, batches } = setup();
    const results = await send([person(1)], { kind: "text", text: "   " });
    expect(results.get("p1")).toMatchObject({ status: "permanent-error" });
    expect(batches).toHaveLength(0);
  });
});

describe("createDingtalkChannel: groups", () => {
  it("sends to a group:<openConversationId> recipient with groupMessages/send, beside the people", async () => {
    const { send, groups, batches, replyBatch, replyGroup, metered } = setup();
    replyBatch({ processQueryKey: "people" });
    replyGroup({ processQueryKey: "grp" });
    const results = await send([person(1), person(9, "group:cidAbC123==")]);
    expect(groups).toEqual([
      {
        robotCode: APP.robotCode,
        openConversationId: "cidAbC123==",
        msgKey: "sampleText",
        msgParam: JSON.stringify({ content: "请反馈52号任务进展" }),
      },
    ]);
    expect(batches.map((b) => b.userIds)).toEqual([["user1"]]);
    expect(results.get("p9")).toEqual({ status: "sent", platformMessageId: "grp" });
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "people" });
    expect(metered()).toBe(2);
  });
});

describe("createDingtalkChannel: replies through the session webhook", () => {
  const remember = (ctx: ReturnType<typeof setup>, userId: string, session: string, validMs = 90 * 60_000) =>
    ctx.sessionWebhooks.remember(userId, {
      url: webhookUrl(session),
      expiresAtMs: ctx.time.now().getTime() + validMs,
      conversationType: "1",
    });

  it("answers one person through their valid 1:1 webhook: no token, no metered call", async () => {
    const ctx = setup();
    remember(ctx, "user1", "s1");
    const bodies: unknown[] = [];
    const hook = nock(WEBHOOK_HOST)
      .post(WEBHOOK_PATH, (body) => {
        bodies.push(body);
        return true;
      })
      .query({ session: "s1" })
      .reply(200, { errcode: 0, errmsg: "ok" });
    const results = await ctx.send([person(1)]);
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: SESSION_WEBHOOK_MESSAGE_ID });
    expect(bodies).toEqual([{ msgtype: "text", text: { content: "请反馈52号任务进展" } }]);
    expect(hook.isDone()).toBe(true);
    expect(ctx.batches).toHaveLength(0);
    expect(ctx.metered()).toBe(0);
    expect(ctx.scope.pendingMocks()).toHaveLength(1); // the token was never asked for
  });

  it("sends markdown through the webhook as msgtype markdown", async () => {
    const ctx = setup();
    remember(ctx, "user1", "s1");
    const bodies: unknown[] = [];
    nock(WEBHOOK_HOST)
      .post(WEBHOOK_PATH, (body) => {
        bodies.push(body);
        return true;
      })
      .query(true)
      .reply(200, { errcode: 0 });
    await ctx.send([person(1)], { kind: "markdown", title: "办理结果", markdown: "**办理结果**\n已签收" });
    expect(bodies).toEqual([
      { msgtype: "markdown", markdown: { title: "办理结果", text: "**办理结果**\n已签收" } },
    ]);
  });

  it("uses the robot API once the webhook has expired (with a minute's margin)", async () => {
    const ctx = setup();
    remember(ctx, "user1", "s1", 30 * 60_000);
    ctx.time.advance(29 * 60_000 + 1);
    ctx.replyBatch({ processQueryKey: "api" });
    const results = await ctx.send([person(1)]);
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "api" });
    expect(ctx.batches).toHaveLength(1);
  });

  it("falls back to the robot API when the webhook fails, and forgets it", async () => {
    const ctx = setup();
    remember(ctx, "user1", "s1");
    nock(WEBHOOK_HOST)
      .post(WEBHOOK_PATH)
      .query(true)
      .reply(200, { errcode: 300001, errmsg: "session expired" });
    ctx.replyBatch({ processQueryKey: "api-1" }, { processQueryKey: "api-2" });
    expect((await ctx.send([person(1)])).get("p1")).toEqual({ status: "sent", platformMessageId: "api-1" });
    // Forgotten: the next reply does not try it again (nock would refuse a second webhook post).
    expect((await ctx.send([person(1)])).get("p1")).toEqual({ status: "sent", platformMessageId: "api-2" });
    expect(ctx.batches).toHaveLength(2);
    // The webhook's session is a credential, as the token and the secret are: none is logged.
    const logged = ctx.lines.join("\n");
    expect(logged).toContain("session webhook refused a reply");
    for (const secret of ["session=s1", TOKEN, APP.clientSecret]) expect(logged).not.toContain(secret);
  });

  it("falls back when the webhook answers HTTP 500", async () => {
    const ctx = setup();
    remember(ctx, "user1", "s1");
    nock(WEBHOOK_HOST).post(WEBHOOK_PATH).query(true).reply(500, "error");
    ctx.replyBatch({ processQueryKey: "api" });
    expect((await ctx.send([person(1)])).get("p1")).toEqual({ status: "sent", platformMessageId: "api" });
  });

  it("never posts a person's message into a group through a group webhook", async () => {
    const ctx = setup();
    ctx.sessionWebhooks.remember("user1", {
      url: webhookUrl("group-session"),
      expiresAtMs: ctx.time.now().getTime() + 90 * 60_000,
      conversationType: "2",
    });
    ctx.replyBatch({ processQueryKey: "api" });
    expect((await ctx.send([person(1)])).get("p1")).toEqual({ status: "sent", platformMessageId: "api" });
  });

  it("sends nothing through the webhook while DingTalk bans this server", async () => {
    const ctx = setup();
    ctx.replyBatch([403, "<html>banned</html>"]);
    await ctx.send([person(2)]);
    remember(ctx, "user1", "s1");
    const result = (await ctx.send([person(1)])).get("p1");
    expect(result).toMatchObject({ status: "rate-limited", scope: "channel", retryAfterMs: 300_000 });
  });
});

describe("createDingtalkChannel: cards", () => {
  it("without a cards module, sends a card as markdown and offers no card update", async () => {
    const { send, batches, replyBatch, channel } = setup();
    replyBatch({ processQueryKey: "pqk" });
    const results = await send([person(1)], { kind: "card", card }, "card-52-1");
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "pqk" });
    expect(batches[0]?.msgKey).toBe("sampleMarkdown");
    const param = JSON.parse(batches[0]?.msgParam ?? "{}");
    expect(param.title).toBe(card.title);
    expect(param.text).toContain("- 牵头单位：区发改局");
    expect(param.text).toContain("请直接回复文字");
    expect(param.text).toContain("(https://duban.example.gov.cn/t/52)");
    expect(channel.updateCard).toBeUndefined();
  });

  it("refuses a card without a card id, as every channel does", async () => {
    const { send, batches } = setup();
    const results = await send([person(1)], { kind: "card", card });
    expect(results.get("p1")).toMatchObject({ status: "permanent-error" });
    expect(batches).toHaveLength(0);
  });

  it("hands cards and their updates to the cards module", async () => {
    const sent: Array<{ targets: readonly DingtalkTarget[]; cardId: string }> = [];
    const updates: CardUpdateRequest[] = [];
    const cards: DingtalkCards = {
      send: async (request) => {
        sent.push({ targets: request.targets, cardId: request.cardId });
        return new Map(
          request.targets.map((t): [string, SendResult] => [
            t.personId,
            { status: "sent", platformMessageId: "card", updateToken: `track-${t.personId}` },
          ]),
        );
      },
      update: async (request) => {
        updates.push(request);
        return { status: "sent", platformMessageId: "updated" };
      },
    };
    const { send, batches, channel } = setup({ cards });
    const results = await send([person(1), person(2, null)], { kind: "card", card }, "card-52-1");
    expect(sent).toEqual([
      { targets: [{ kind: "user", personId: "p1", userId: "user1" }], cardId: "card-52-1" },
    ]);
    expect(results.get("p1")).toMatchObject({ status: "sent", updateToken: "track-p1" });
    expect(results.get("p2")).toMatchObject({ status: "invalid-recipient" });
    expect(batches).toHaveLength(0);
    const update: CardUpdateRequest = {
      cardId: "card-52-1",
      recipient: person(1),
      update: { kind: "close", label: "已签收" },
      updateToken: "track-p1",
    };
    await expect(channel.updateCard?.(update)).resolves.toEqual({
      status: "sent",
      platformMessageId: "updated",
    });
    expect(updates).toEqual([update]);
  });
});

describe("createDingtalkChannel: what it declares", () => {
  it("is named dingtalk, with no per-recipient budgets and DingTalk's limits", () => {
    const { channel } = setup();
    expect(channel.name).toBe("dingtalk");
    expect(channel.budgets).toEqual([]);
    expect(channel.limits).toEqual({
      cardFields: 6,
      cardButtons: 5,
      textBytes: 2048,
      images: true,
      files: true,
    });
  });
});
