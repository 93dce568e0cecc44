import { describe, expect, it } from "vitest";
import { actionLinkKey, verifyActionLink } from "../../../../src/channels/dingtalk/dingtalk-action-link.js";
import { cardIdOfOutTrackId } from "../../../../src/channels/dingtalk/dingtalk-card-params.js";
import { createDingtalkCards } from "../../../../src/channels/dingtalk/dingtalk-cards.js";
import type { DingtalkCall } from "../../../../src/channels/dingtalk/dingtalk-contracts.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import {
  BASE_CONFIG,
  clock,
  fakeApi,
  GROUP,
  LI,
  msgParamOf,
  NOW,
  okAnswer,
  PUBLIC,
  quietLogger,
  REMINDER,
  SECRET,
  TEMPLATE_ID,
  ZHANG,
} from "./dingtalk-cards-kit.js";

const CARD_ID = "duban-0123456789abcdef0123456789abcdef01234567";

function cardsWith(config: Partial<typeof BASE_CONFIG>, answer = okAnswer) {
  const { api, calls } = fakeApi(answer);
  const { logger, lines } = quietLogger();
  const cards = createDingtalkCards({ config: { ...BASE_CONFIG, ...config }, api, clock, logger });
  const send = (targets = [ZHANG], card = REMINDER) =>
    cards.send({ targets, card, cardId: CARD_ID, idempotencyKey: "rem:52:2026-03" });
  return { cards, calls, lines, send };
}

function bodyOf<T = Record<string, unknown>>(call: DingtalkCall | undefined): T {
  if (call === undefined) throw new Error("no such call");
  return call.body as T;
}

const paramMapOf = (call: DingtalkCall | undefined) =>
  bodyOf<{ cardData: { cardParamMap: Record<string, unknown> } }>(call).cardData.cardParamMap;

describe("DingTalk cards with a card template (互动卡片高级版)", () => {
  it("creates and delivers one card per person into the robot chat, every variable a string", async () => {
    const { send, calls, cards } = cardsWith({ cardTemplateId: TEMPLATE_ID });
    expect(cards.mode).toBe("interactive");
    const results = await send([ZHANG, LI]);
    expect(calls).toHaveLength(2);
    const [first] = calls;
    expect(first).toMatchObject({
      method: "POST",
      path: "/v1.0/card/instances/createAndDeliver",
      metered: true,
    });
    const body = first?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      cardTemplateId: TEMPLATE_ID,
      callbackType: "STREAM",
      openSpaceId: "dtv1.card//IM_ROBOT.manager4220",
      imRobotOpenSpaceModel: { supportForward: false, notification: { alertContent: REMINDER.title } },
      imRobotOpenDeliverModel: { spaceType: "IM_ROBOT", robotCode: "dingrobot0001" },
      userIdType: 1,
    });
    const params = paramMapOf(first);
    for (const value of Object.values(params)) expect(typeof value).toBe("string");
    expect(params).toMatchObject({
      title: REMINDER.title,
      description: REMINDER.description,
      status: "open",
      closedLabel: "",
      btn1Text: "签收",
      btn1Key: "ack",
      btn1Style: "primary",
      btn6Text: "填写进展",
      btn6Key: "report",
    });
    expect(params.fields).toBe("- 责任单位：区人社局（主办）\n- 报送截止：3月6日（周五）");
    const outTrackId = body.outTrackId as string;
    expect(outTrackId).toMatch(new RegExp(`^${CARD_ID}_[A-Za-z0-9]{16}$`));
    expect(cardIdOfOutTrackId(outTrackId)).toBe(CARD_ID);
    expect(results.get(ZHANG.personId)).toEqual({
      status: "sent",
      platformMessageId: outTrackId,
      updateToken: outTrackId,
    });
    // Each person's card is its own instance.
    const second = (calls[1]?.body as { outTrackId: string; openSpaceId: string }) ?? {};
    expect(second.outTrackId).not.toBe(outTrackId);
    expect(second.openSpaceId).toBe("dtv1.card//IM_ROBOT.0156_li");
    expect(cardIdOfOutTrackId(second.outTrackId)).toBe(CARD_ID);
  });

  it("hides unused button slots with empty text, and delivers into a group with its own models", async () => {
    const { send, calls } = cardsWith({ cardTemplateId: TEMPLATE_ID });
    const card = { ...REMINDER, buttons: REMINDER.buttons.slice(0, 2) };
    await send([GROUP], card);
    const body = calls[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      openSpaceId: "dtv1.card//IM_GROUP.cidAsXSBLnA==",
      imGroupOpenSpaceModel: { supportForward: false },
      imGroupOpenDeliverModel: { robotCode: "dingrobot0001" },
    });
    expect(body).not.toHaveProperty("imRobotOpenDeliverModel");
    expect(paramMapOf(calls[0])).toMatchObject({
      btn2Key: "on-track",
      btn3Text: "",
      btn3Key: "",
      btn6Text: "",
    });
  });

  it("reports a refused or undelivered card for that person only", async () => {
    const { send } = cardsWith({ cardTemplateId: TEMPLATE_ID }, (call) => {
      const track = (call.body as { openSpaceId: string }).openSpaceId;
      if (track.endsWith("manager4220"))
        return { ok: false, failure: { kind: "bad-request", code: "param.userIdNotExist", message: "user" } };
      return {
        ok: true,
        body: { success: true, result: { deliverResults: [{ success: false, errorMsg: "无权限" }] } },
      };
    });
    const results = await send([ZHANG, LI]);
    expect(results.get(ZHANG.personId)).toEqual({ status: "permanent-error", reason: "user" });
    expect(results.get(LI.personId)).toMatchObject({ status: "permanent-error" });
    expect(results.get(LI.personId)).toHaveProperty("reason", expect.stringContaining("无权限"));
  });

  it("closes a clicked card with PUT /v1.0/card/instances, by key, with the click's outTrackId", async () => {
    const { cards, calls } = cardsWith({ cardTemplateId: TEMPLATE_ID });
    const recipient: Recipient = { personId: "p-zhang", name: "张三", accounts: { dingtalk: "manager4220" } };
    const result = await cards.update({
      cardId: CARD_ID,
      recipient,
      update: { kind: "close", label: "已签收" },
      updateToken: `${CARD_ID}_abc`,
    });
    expect(calls).toEqual([
      {
        method: "PUT",
        path: "/v1.0/card/instances",
        metered: true,
        body: {
          outTrackId: `${CARD_ID}_abc`,
          cardData: { cardParamMap: { status: "closed", closedLabel: "已签收" } },
          cardUpdateOptions: { updateCardDataByKey: true },
          userIdType: 1,
        },
      },
    ]);
    expect(result).toEqual({
      status: "sent",
      platformMessageId: `${CARD_ID}_abc`,
      updateToken: `${CARD_ID}_abc`,
    });
  });

  it("replaces a card's variables, reopening it, and finds the outTrackId without a token", async () => {
    const { cards, calls, send } = cardsWith({ cardTemplateId: TEMPLATE_ID });
    await send([ZHANG]);
    const sentTrackId = bodyOf<{ outTrackId: string }>(calls[0]).outTrackId;
    const recipient: Recipient = { personId: "p-zhang", name: "张三", accounts: { dingtalk: "manager4220" } };
    const card = {
      ...REMINDER,
      title: "第52项：已批准延期",
      buttons: REMINDER.buttons.slice(1, 2),
    };
    await cards.update({ cardId: CARD_ID, recipient, update: { kind: "replace", card } });
    const put = calls[1];
    expect(bodyOf<{ outTrackId: string }>(put).outTrackId).toBe(sentTrackId);
    expect(paramMapOf(put)).toMatchObject({
      title: "第52项：已批准延期",
      status: "open",
      closedLabel: "",
      btn2Text: "",
    });
  });

  it("gives a refused update the failure's result, and refuses a label too long to show", async () => {
    const { cards } = cardsWith({ cardTemplateId: TEMPLATE_ID }, () => ({
      ok: false,
      failure: { kind: "quota-spent", code: "90020", message: "quota", retryAfterMs: 1000 },
    }));
    const recipient: Recipient = { personId: "p", name: "张三", accounts: { dingtalk: "u1" } };
    await expect(
      cards.update({
        cardId: CARD_ID,
        recipient,
        update: { kind: "close", label: "已签收" },
        updateToken: "t",
      }),
    ).resolves.toMatchObject({ status: "rate-limited", scope: "channel" });
    await expect(
      cards.update({
        cardId: CARD_ID,
        recipient,
        update: { kind: "close", label: "一二三四五六七八九十一" },
      }),
    ).resolves.toMatchObject({ status: "permanent-error" });
  });
});

describe("DingTalk cards without a template, with a public address (ActionCard links)", () => {
  it("sends each person their own ActionCard whose buttons open their own signed links", async () => {
    const { send, calls, cards } = cardsWith({ publicBaseUrl: PUBLIC });
    expect(cards.mode).toBe("links");
    const results = await send([ZHANG, LI]);
    expect(calls).toHaveLength(2);
    const key = actionLinkKey(SECRET);
    const seen = new Set<string>();
    for (const [index, target] of [ZHANG, LI].entries()) {
      const call = calls[index];
      expect(call).toMatchObject({
        method: "POST",
        path: "/v1.0/robot/oToMessages/batchSend",
        metered: true,
      });
      const body = call?.body as { robotCode: string; userIds: string[]; msgKey: string };
      expect(body.userIds).toEqual([target.kind === "user" ? target.userId : ""]);
      expect(body.robotCode).toBe("dingrobot0001");
      // Six buttons do not fit an ActionCard: the first five (the most used) do.
      expect(body.msgKey).toBe("sampleActionCard5");
      const param = msgParamOf(call);
      expect(Object.keys(param).filter((k) => /URL/.test(k))).toEqual([
        "actionURL1",
        "actionURL2",
        "actionURL3",
        "actionURL4",
        "actionURL5",
      ]);
      expect(param).not.toHaveProperty("actionUrl1");
      expect(param.title).toBe(REMINDER.title);
      expect(param.text).toContain("- 责任单位：区人社局（主办）");
      const nonces = new Set<string>();
      for (let n = 1; n <= 5; n += 1) {
        const url = param[`actionURL${n}`] ?? "";
        expect(url.length).toBeLessThanOrEqual(500);
        expect(url.startsWith(`${PUBLIC}/dingtalk/act/`)).toBe(true);
        expect(seen.has(url)).toBe(false);
        seen.add(url);
        const check = verifyActionLink(url.slice(`${PUBLIC}/dingtalk/act/`.length), key, Date.parse(NOW));
        if (!check.ok) throw new Error(`link ${n} does not verify`);
        expect(check.claims).toMatchObject({
          cardId: CARD_ID,
          actionKey: REMINDER.buttons[n - 1]?.key,
          choice: REMINDER.buttons[n - 1]?.text,
          userId: target.kind === "user" ? target.userId : "",
          expiresAtMs: Date.parse(NOW) + 7 * 24 * 3600_000,
        });
        expect(param[`actionTitle${n}`]).toBe(REMINDER.buttons[n - 1]?.text);
        nonces.add(check.claims.nonce);
      }
      // One card, one choice: its buttons share the nonce the inbox dedupes on.
      expect(nonces.size).toBe(1);
    }
    expect(results.get(ZHANG.personId)).toEqual({ status: "sent", platformMessageId: "pqk-1" });
  });

  it("picks the ActionCard by button count and cuts button titles at 20 characters", async () => {
    const { send, calls } = cardsWith({ publicBaseUrl: PUBLIC });
    const long = "一二三四五六七八九十一二三四五六七八九十一二";
    const one = { ...REMINDER, buttons: [{ key: "ack", text: long, style: "primary" as const }] };
    await send([ZHANG], one);
    await send([ZHANG], { ...REMINDER, buttons: REMINDER.buttons.slice(0, 2) });
    await send([ZHANG], { ...REMINDER, buttons: REMINDER.buttons.slice(0, 3) });
    expect(calls.map((c) => (c.body as { msgKey: string }).msgKey)).toEqual([
      "sampleActionCard",
      "sampleActionCard6",
      "sampleActionCard3",
    ]);
    const single = msgParamOf(calls[0]);
    expect(Object.keys(single).sort()).toEqual(["singleTitle", "singleURL", "text", "title"]);
    expect(Array.from(single.singleTitle ?? "")).toHaveLength(20);
    expect(single.singleTitle?.endsWith("…")).toBe(true);
  });

  it("sends the card as markdown when it has no buttons, or when its links would pass 500 characters", async () => {
    const { send, calls } = cardsWith({ publicBaseUrl: PUBLIC });
    await send([ZHANG], { ...REMINDER, buttons: [], url: "https://example.gov.cn/52" });
    const long = cardsWith({ publicBaseUrl: `${PUBLIC}/${"x".repeat(400)}` });
    const results = await long.send([ZHANG]);
    for (const call of [calls[0], long.calls[0]]) {
      expect(bodyOf<{ msgKey: string }>(call).msgKey).toBe("sampleMarkdown");
      expect(msgParamOf(call).text).not.toContain("/dingtalk/act/");
    }
    expect(msgParamOf(long.calls[0]).text).toContain("序号 正常推进");
    expect(results.get(ZHANG.personId)).toMatchObject({ status: "sent" });
    expect(long.lines.join("\n")).toContain("exceed DingTalk's 500 characters");
  });

  it("sends the same links again when the same card is sent again (a retry after a crash)", async () => {
    const { send, calls } = cardsWith({ publicBaseUrl: PUBLIC });
    await send([ZHANG]);
    await send([ZHANG]);
    expect(msgParamOf(calls[0]).actionURL1).toBe(msgParamOf(calls[1]).actionURL1);
  });

  it("sends a group the card as markdown with reply lines: anyone in a group could open a link", async () => {
    const { send, calls } = cardsWith({ publicBaseUrl: PUBLIC });
    const results = await send([GROUP]);
    expect(calls[0]).toMatchObject({ method: "POST", path: "/v1.0/robot/groupMessages/send", metered: true });
    const body = calls[0]?.body as { openConversationId: string; msgKey: string };
    expect(body).toMatchObject({ openConversationId: "cidAsXSBLnA==", msgKey: "sampleMarkdown" });
    const param = msgParamOf(calls[0]);
    expect(param.text).not.toContain("/dingtalk/act/");
    expect(param.text).toContain("@本机器人");
    expect(results.get(GROUP.personId)).toEqual({ status: "sent", platformMessageId: "pqk-1" });
  });

  it("reads batchSend's per-user lists: invalid users and flow-controlled users", async () => {
    const { send } = cardsWith({ publicBaseUrl: PUBLIC }, (call) => {
      const [userId] = (call.body as { userIds: string[] }).userIds;
      return {
        ok: true,
        body: {
          processQueryKey: "pqk",
          invalidStaffIdList: userId === "manager4220" ? [userId] : [],
          flowControlledStaffIdList: userId === "0156_li" ? [userId] : [],
        },
      };
    });
    const results = await send([ZHANG, LI]);
    expect(results.get(ZHANG.personId)).toMatchObject({ status: "invalid-recipient" });
    expect(results.get(LI.personId)).toMatchObject({ status: "rate-limited", retryAfterMs: 60_000 });
    expect(results.get(LI.personId)).not.toHaveProperty("scope");
  });

  it("cannot change a sent ActionCard: a close says so, a replace goes out as a new card", async () => {
    const { cards, calls } = cardsWith({ publicBaseUrl: PUBLIC });
    const recipient: Recipient = { personId: "p-zhang", name: "张三", accounts: { dingtalk: "manager4220" } };
    await expect(
      cards.update({ cardId: CARD_ID, recipient, update: { kind: "close", label: "已签收" } }),
    ).resolves.toMatchObject({ status: "permanent-error" });
    expect(calls).toHaveLength(0);
    const replaced = await cards.update({
      cardId: CARD_ID,
      recipient,
      update: { kind: "replace", card: REMINDER },
    });
    const newCardId = `${CARD_ID}-r${Date.parse(NOW).toString(36)}`;
    expect(replaced).toEqual({ status: "sent", platformMessageId: "pqk-1", newCardId });
    const url = msgParamOf(calls[0]).actionURL1 ?? "";
    const check = verifyActionLink(url.split("/").at(-1) ?? "", actionLinkKey(SECRET), Date.parse(NOW));
    expect(check.ok && check.claims.cardId).toBe(newCardId);
  });
});

describe("DingTalk cards with neither (markdown)", () => {
  it("sends the card as markdown with the typed answers, 20 people a call", async () => {
    const { send, calls, cards } = cardsWith({});
    expect(cards.mode).toBe("markdown");
    const people = Array.from({ length: 45 }, (_, i) => ({
      kind: "user" as const,
      personId: `p${i}`,
      userId: `u${i}`,
    }));
    const results = await send(people);
    expect(calls.map((c) => (c.body as { userIds: string[] }).userIds.length)).toEqual([20, 20, 5]);
    expect(calls.every((c) => (c.body as { msgKey: string }).msgKey === "sampleMarkdown")).toBe(true);
    const { title, text } = msgParamOf(calls[0]);
    expect(title).toBe(REMINDER.title);
    expect(text).toContain("序号 正常推进");
    expect(text).toContain("序号 有困难：");
    expect(text).toContain("「申请办结」「申请延期」");
    expect(results.size).toBe(45);
  });

  it("refuses a card no platform can show, for everyone, without a call", async () => {
    const { send, calls } = cardsWith({});
    const results = await send([ZHANG], { ...REMINDER, buttons: [], url: undefined });
    expect(calls).toHaveLength(0);
    expect(results.get(ZHANG.personId)).toMatchObject({ status: "permanent-error" });
  });

  it("passes a channel-wide failure through as the contracts map it", async () => {
    const { send } = cardsWith({}, () => ({
      ok: false,
      failure: { kind: "ip-banned", message: "non-JSON answer", retryAfterMs: 300_000 },
    }));
    const results = await send([ZHANG, LI]);
    expect(results.get(LI.personId)).toEqual({
      status: "rate-limited",
      retryAfterMs: 300_000,
      reason: "non-JSON answer",
      scope: "channel",
    });
  });
});
