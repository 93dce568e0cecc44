import nock from "nock";
import { describe, expect, it } from "vitest";
import { createWecomApi } from "../../../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../../../src/channels/wecom/wecom-channel.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import { APP, type MovingClock, movingClock, QYAPI, recordingLogger, replyToken } from "./wecom-api-kit.js";

type Body = { touser: string; msgtype: string; [field: string]: unknown };

const person = (i: number, wecomUserId: string | null = `user${i}`): Recipient => ({
  personId: `p${i}`,
  name: `联系人${i}`,
  accounts: wecomUserId ? { wecom: wecomUserId } : {},
});
const text = { kind: "text", text: "请反馈52号任务进展" } as const;

function setup(clock: MovingClock = movingClock(), seats?: number) {
  const scope = replyToken(nock(QYAPI), "accesstoken000001");
  const api = createWecomApi({ config: APP, clock });
  const { logger, lines } = recordingLogger();
  const channel = createWecomChannel({ api, clock, logger, seats });
  const bodies: Body[] = [];
  const sendReplies = (...answers: Array<Record<string, unknown> | number>) => {
    for (const answer of answers) {
      const interceptor = scope
        .post("/cgi-bin/message/send", (body: Body) => {
          bodies.push(body);
          return true;
        })
        .query(true);
      if (typeof answer === "number") interceptor.reply(answer, "error page");
      else interceptor.reply(200, { errcode: 0, errmsg: "ok", ...answer });
    }
  };
  return { scope, channel, clock, bodies, sendReplies, lines };
}

describe("createWecomChannel send", () => {
  it("sends one request to all recipients, with WeCom's duplicate check on", async () => {
    const { scope, channel, bodies, sendReplies } = setup();
    sendReplies({ msgid: "m1" });
    const results = await channel.send({
      idempotencyKey: "k1",
      recipients: [person(1), person(2)],
      message: text,
      platformDedupe: true,
    });
    expect(bodies).toEqual([
      {
        touser: "user1|user2",
        agentid: APP.agentId,
        msgtype: "text",
        text: { content: "请反馈52号任务进展" },
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      },
    ]);
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "m1" });
    expect(results.get("p2")).toEqual({ status: "sent", platformMessageId: "m1" });
    expect(scope.isDone()).toBe(true);
  });

  it("leaves the duplicate check off for what may repeat word for word on purpose (answers)", async () => {
    const { channel, bodies, sendReplies } = setup();
    sendReplies({ msgid: "m1" });
    sendReplies({ msgid: "m2" });
    for (const key of ["answer/1", "answer/2"])
      await channel.send({ idempotencyKey: key, recipients: [person(1)], message: text });
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(body).not.toHaveProperty("enable_duplicate_check");
  });

  it("reports a recipient without a WeCom user id as invalid and sends to the others", async () => {
    const { scope, channel, bodies, sendReplies } = setup();
    sendReplies({ msgid: "m1" });
    const results = await channel.send({
      idempotencyKey: "k",
      recipients: [person(1), person(2, null)],
      message: text,
    });
    expect(results.get("p2")).toMatchObject({
      status: "invalid-recipient",
      reason: expect.stringContaining("UserID"),
    });
    expect(bodies.map((b) => b.touser)).toEqual(["user1"]);
    expect(scope.isDone()).toBe(true);
  });

  it("batches 2,500 recipients into requests of at most 1,000", async () => {
    const { scope, channel, bodies, sendReplies } = setup();
    sendReplies({ msgid: "a" }, { msgid: "b" }, { msgid: "c" });
    const recipients = Array.from({ length: 2500 }, (_, i) => person(i));
    const results = await channel.send({ idempotencyKey: "k", recipients, message: text });
    expect(bodies.map((b) => b.touser.split("|").length)).toEqual([1000, 1000, 500]);
    expect(results.get("p0")).toMatchObject({ platformMessageId: "a" });
    expect(results.get("p2499")).toMatchObject({ platformMessageId: "c" });
    expect(scope.isDone()).toBe(true);
  });

  it("maps a partial failure to each recipient: invaliduser (lower-cased) and unlicenseduser", async () => {
    const { scope, channel, sendReplies } = setup();
    sendReplies({ msgid: "m1", invaliduser: "zhangsan", unlicenseduser: "user3" });
    const recipients = [person(1, "ZhangSan"), person(2), person(3)];
    const results = await channel.send({ idempotencyKey: "k", recipients, message: text });
    expect(results.get("p1")).toMatchObject({
      status: "invalid-recipient",
      reason: expect.stringContaining("可见范围"),
    });
    expect(results.get("p2")).toEqual({ status: "sent", platformMessageId: "m1" });
    expect(results.get("p3")).toMatchObject({
      status: "invalid-recipient",
      reason: expect.stringContaining("许可"),
    });
    expect(scope.isDone()).toBe(true);
  });

  it("reports 81013 (nobody reachable) as invalid recipients with the visible-range hint", async () => {
    const { scope, channel, sendReplies } = setup();
    sendReplies({ errcode: 81013, errmsg: "user & party & tag all invalid" });
    const results = await channel.send({
      idempotencyKey: "k",
      recipients: [person(1), person(2)],
      message: text,
    });
    for (const id of ["p1", "p2"]) {
      expect(results.get(id)).toMatchObject({
        status: "invalid-recipient",
        reason: expect.stringContaining("可见范围"),
      });
    }
    expect(scope.isDone()).toBe(true);
  });

  it("backs off on 45009: nothing is sent while the pause lasts, and the pause doubles if it recurs", async () => {
    const { scope, channel, clock, sendReplies } = setup();
    const send = async () =>
      (await channel.send({ idempotencyKey: "k", recipients: [person(1)], message: text })).get("p1");
    const limited = { errcode: 45009, errmsg: "api freq out of limit" };
    sendReplies(limited);
    expect(await send()).toMatchObject({ status: "rate-limited", retryAfterMs: 60_000 });
    expect(await send()).toMatchObject({ status: "rate-limited", retryAfterMs: 60_000 });
    clock.advance(45_000);
    expect(await send()).toMatchObject({ status: "rate-limited", retryAfterMs: 15_000 });
    expect(scope.isDone()).toBe(true);
    sendReplies(limited, { msgid: "m1" });
    clock.advance(15_000);
    expect(await send()).toMatchObject({ status: "rate-limited", retryAfterMs: 120_000 });
    clock.advance(120_000);
    expect(await send()).toEqual({ status: "sent", platformMessageId: "m1" });
    expect(scope.isDone()).toBe(true);
  });

  it("does not lengthen the pause for 45009s answering sends that were in flight when it began", async () => {
    const { scope, channel, sendReplies } = setup();
    const limited = { errcode: 45009, errmsg: "api freq out of limit" };
    sendReplies(limited, limited, limited, limited);
    // Four sends at once, as the dispatcher's lanes make them: four refusals, one pause of a minute.
    const results = await Promise.all(
      [1, 2, 3, 4].map(async (i) =>
        (await channel.send({ idempotencyKey: `k${i}`, recipients: [person(i)], message: text })).get(
          `p${i}`,
        ),
      ),
    );
    for (const result of results) expect(result).toMatchObject({ status: "rate-limited", scope: "channel" });
    expect(results.map((r) => (r?.status === "rate-limited" ? r.retryAfterMs : 0))).toEqual([
      60_000, 60_000, 60_000, 60_000,
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["system busy (-1)", { errcode: -1, errmsg: "system busy" }],
    ["HTTP 502", 502],
  ])("reports %s as a transient error", async (_, answer) => {
    const { scope, channel, sendReplies } = setup();
    sendReplies(answer);
    const results = await channel.send({ idempotencyKey: "k", recipients: [person(1)], message: text });
    expect(results.get("p1")).toMatchObject({ status: "transient-error" });
    expect(scope.isDone()).toBe(true);
  });

  it("never puts the access token or the secret into a result or a log line", async () => {
    const { scope, channel, sendReplies, lines } = setup();
    const errmsg = `not allow to access from your ip, hint: [accesstoken000001 ${APP.secret}], from ip: 203.0.113.9`;
    sendReplies({ errcode: 60020, errmsg });
    const results = await channel.send({ idempotencyKey: "k", recipients: [person(1)], message: text });
    expect(results.get("p1")).toMatchObject({
      status: "permanent-error",
      reason: expect.stringContaining("203.0.113.9"),
    });
    const everything = JSON.stringify([...results.values()]) + lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of ["accesstoken000001", APP.secret]) expect(everything).not.toContain(secret);
    expect(scope.isDone()).toBe(true);
  });

  it("reports a network failure as a transient error", async () => {
    const { scope, channel } = setup();
    scope.post("/cgi-bin/message/send").query(true).replyWithError({ code: "ETIMEDOUT" });
    const results = await channel.send({ idempotencyKey: "k", recipients: [person(1)], message: text });
    expect(results.get("p1")).toMatchObject({
      status: "transient-error",
      reason: expect.stringContaining("ETIMEDOUT"),
    });
    expect(scope.isDone()).toBe(true);
  });

  it("sends long markdown as several messages, in order", async () => {
    const { scope, channel, bodies, sendReplies } = setup();
    sendReplies({ msgid: "m1" }, { msgid: "m2" });
    const markdown = Array.from(
      { length: 60 },
      (_, i) => `${i + 1}. 区人社局 稳就业任务 已完成年度目标`,
    ).join("\n");
    const results = await channel.send({
      idempotencyKey: "k",
      recipients: [person(1)],
      message: { kind: "markdown", title: "督办周报", markdown },
    });
    expect(bodies.map((b) => b.msgtype)).toEqual(["markdown", "markdown"]);
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "m1,m2" });
    expect(scope.isDone()).toBe(true);
  });

  it("sends a card once, to at most 1,000 people, and returns its update code", async () => {
    const { scope, channel, bodies, sendReplies } = setup();
    sendReplies({ msgid: "m1", response_code: "rc-send" });
    const card = {
      title: "52 稳就业",
      fields: [],
      buttons: [{ key: "ack", text: "签收", style: "primary" as const }],
    };
    const recipients = Array.from({ length: 1001 }, (_, i) => person(i));
    const results = await channel.send({
      idempotencyKey: "k",
      recipients,
      message: { kind: "card", card },
      cardId: "T52",
    });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ msgtype: "template_card", template_card: { task_id: "T52" } });
    expect(results.get("p0")).toEqual({ status: "sent", platformMessageId: "m1", updateToken: "rc-send" });
    expect(results.get("p1000")).toMatchObject({
      status: "permanent-error",
      reason: expect.stringContaining("1000"),
    });
    expect(scope.isDone()).toBe(true);
  });

  it("sends nothing for a card it cannot render, and says why", async () => {
    const { channel } = setup();
    const card = { title: "t", fields: [], buttons: [] };
    const results = await channel.send({
      idempotencyKey: "k",
      recipients: [person(1)],
      message: { kind: "card", card },
      cardId: "c",
    });
    expect(results.get("p1")).toMatchObject({
      status: "permanent-error",
      reason: expect.stringContaining("按钮"),
    });
  });
});

describe("createWecomChannel budgets", () => {
  it("declares WeCom's per-member limits: 30 a minute and 1000 an hour (Doc 90454)", () => {
    const { channel } = setup();
    expect(channel.name).toBe("wecom");
    expect(channel.budgets).toEqual([
      { name: "wecom-member-per-minute", scope: "recipient", limit: 30, windowMs: 60_000 },
      { name: "wecom-member-per-hour", scope: "recipient", limit: 1000, windowMs: 3_600_000 },
    ]);
  });

  it("adds the app's daily quota (seats × 200) when the seat count is known", () => {
    const { channel } = setup(movingClock(), 500);
    expect(channel.budgets).toContainEqual({
      name: "wecom-app-per-day",
      scope: "channel",
      limit: 100_000,
      windowMs: 86_400_000,
    });
  });
});
