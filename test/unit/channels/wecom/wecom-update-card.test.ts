import nock from "nock";
import { describe, expect, it } from "vitest";
import type { Card } from "../../../../src/channels/message.js";
import { createWecomApi } from "../../../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../../../src/channels/wecom/wecom-channel.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import { APP, movingClock, QYAPI, recordingLogger, replyToken } from "./wecom-api-kit.js";

const recipient: Recipient = { personId: "p1", name: "张三", accounts: { wecom: "zhangsan" } };
const card: Card = {
  title: "52 稳就业",
  fields: [],
  buttons: [{ key: "normal", text: "正常推进", style: "default" }],
};
const UPDATE = "/cgi-bin/message/update_template_card";

function setup() {
  const clock = movingClock("2026-03-02T01:00:00.000Z");
  const scope = replyToken(nock(QYAPI), "accesstoken000001");
  const api = createWecomApi({ config: APP, clock });
  const { logger, lines } = recordingLogger();
  const channel = createWecomChannel({ api, clock, logger });
  const update = (request: { updateToken?: string; cardId?: string } = {}) =>
    channel.updateCard?.({ cardId: "T52/u1", recipient, update: { kind: "replace", card }, ...request });
  return { scope, channel, update, lines, newCardId: `T52/u1-r${clock.now().getTime().toString(36)}` };
}

describe("createWecomChannel updateCard", () => {
  it("replaces the clicked card with update_template_card and the click's ResponseCode", async () => {
    const { scope, update } = setup();
    scope
      .post(UPDATE, {
        userids: ["zhangsan"],
        agentid: APP.agentId,
        response_code: "rc-click",
        template_card: {
          card_type: "button_interaction",
          main_title: { title: "52 稳就业" },
          task_id: "T52@2Fu1",
          button_list: [{ type: 0, text: "正常推进", style: 2, key: "normal" }],
        },
      })
      .query(true)
      .reply(200, { errcode: 0, errmsg: "ok" });
    await expect(update({ updateToken: "rc-click" })).resolves.toEqual({
      status: "sent",
      platformMessageId: "T52@2Fu1",
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([42022, 42016])(
    "sends a new card, and says so, when the code is spent or expired (%i)",
    async (errcode) => {
      const { scope, update, newCardId, lines } = setup();
      scope.post(UPDATE).query(true).reply(200, { errcode, errmsg: "code used" });
      scope
        .post(
          "/cgi-bin/message/send",
          (body: { template_card: { task_id: string } }) => body.template_card.task_id !== "T52@2Fu1",
        )
        .query(true)
        .reply(200, { errcode: 0, errmsg: "ok", msgid: "m2", response_code: "rc-new" });
      const result = await update({ updateToken: "rc-old" });
      expect(result).toEqual({ status: "sent", platformMessageId: "m2", updateToken: "rc-new", newCardId });
      expect(lines.some((line) => line.includes("sending a new card"))).toBe(true);
      expect(scope.isDone()).toBe(true);
    },
  );

  it("sends a new card when the caller has no code left", async () => {
    const { scope, update, newCardId } = setup();
    scope.post("/cgi-bin/message/send").query(true).reply(200, { errcode: 0, errmsg: "ok", msgid: "m3" });
    await expect(update()).resolves.toMatchObject({ status: "sent", newCardId });
    expect(scope.isDone()).toBe(true);
  });

  it("does not send a second card when the update failed for another reason", async () => {
    const { scope, update } = setup();
    scope.post(UPDATE).query(true).reply(200, { errcode: -1, errmsg: "system busy" });
    await expect(update({ updateToken: "rc" })).resolves.toMatchObject({ status: "transient-error" });
    expect(scope.isDone()).toBe(true);
  });

  it("refuses a recipient without a WeCom user id", async () => {
    const channel = createWecomChannel({
      api: createWecomApi({ config: APP }),
      clock: movingClock(),
      logger: recordingLogger().logger,
    });
    const result = await channel.updateCard?.({
      cardId: "c",
      recipient: { personId: "p", name: "n", accounts: {} },
      update: { kind: "replace", card },
    });
    expect(result).toMatchObject({ status: "invalid-recipient" });
  });
});

describe("createWecomChannel updateCard, closing a clicked card", () => {
  const close = (request: { updateToken?: string; label?: string } = {}) => {
    const kit = setup();
    const { label = "已签收", ...rest } = request;
    const closeCard = () =>
      kit.channel.updateCard?.({ cardId: "T52/u1", recipient, update: { kind: "close", label }, ...rest });
    return { ...kit, closeCard };
  };

  it("turns the buttons into one disabled button with the label: button.replace_name, nothing else", async () => {
    const { scope, closeCard } = close({ updateToken: "rc-click", label: "已反馈：正常推进" });
    scope
      .post(UPDATE, {
        userids: ["zhangsan"],
        agentid: APP.agentId,
        response_code: "rc-click",
        button: { replace_name: "已反馈：正常推进" },
      })
      .query({ access_token: "accesstoken000001" })
      .reply(200, { errcode: 0, errmsg: "ok" });
    await expect(closeCard()).resolves.toEqual({ status: "sent", platformMessageId: "T52@2Fu1" });
    expect(scope.isDone()).toBe(true);
  });

  it("logs WeCom's errcode and hint when the code is spent, and sends no new card", async () => {
    const { scope, closeCard, lines } = close({ updateToken: "rc-old" });
    scope.post(UPDATE).query(true).reply(200, { errcode: 42022, errmsg: "response_code used" });
    const result = await closeCard();
    expect(result).toMatchObject({ status: "permanent-error", reason: expect.stringContaining("42022") });
    const warning = lines.find((line) => line.includes("WeCom refused to update the card"));
    expect(warning).toContain('"errcode":42022');
    expect(warning).toContain("response_code used");
    expect(warning).toContain("卡片更新码已使用或已过期");
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("cannot close a card without the click's code, and asks WeCom nothing", async () => {
    const { closeCard } = close();
    await expect(closeCard()).resolves.toMatchObject({ status: "permanent-error" });
  });

  it("refuses a label longer than a button's text before asking WeCom", async () => {
    const { closeCard } = close({ updateToken: "rc", label: "已反馈：进展正常请继续关注" });
    await expect(closeCard()).resolves.toMatchObject({ status: "permanent-error" });
  });
});
