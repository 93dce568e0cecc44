import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { InboundEvent, SendResult } from "../../src/channels/channel.js";
import type { Card } from "../../src/channels/message.js";
import { createWecomApi } from "../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../src/channels/wecom/wecom-channel.js";
import type { Recipient } from "../../src/directory/recipient.js";
import { fixedClock } from "../../src/shared/clock.js";
import { createLogger } from "../../src/shared/logger.js";
import { OFFICIAL_KEYS } from "../fixtures/wecom/vectors.js";
import { startWecomApp, type WecomTestApp } from "../fixtures/wecom/wecom-app.js";
import { sealWecomCallback } from "../helpers/wecom-request.js";

const NOW = new Date("2026-03-22T01:30:00Z");
const config = {
  ...OFFICIAL_KEYS,
  agentId: 1000002,
  secret: "app-secret-0123456789abcdef",
  apiBaseUrl: "https://qyapi.weixin.qq.com",
  replayWindowS: 300,
};
const zhangsan: Recipient = { personId: "p-zhangsan", name: "张三", accounts: { wecom: "zhangsan" } };
const cardId = "52/区人社局/2021-03/u1";
const taskId = "52@2F@E5@8C@BA@E4@BA@BA@E7@A4@BE@E5@B1@80@2F2021-03@2Fu1";
const reminder: Card = {
  title: "【到期提醒】52 稳就业",
  fields: [{ label: "截止", value: "3月25日（周四）" }],
  buttons: [
    { key: "ack", text: "签收", style: "primary" },
    { key: "normal", text: "正常推进", style: "default" },
  ],
};
const acknowledged: Card = { ...reminder, buttons: [{ key: "normal", text: "正常推进", style: "default" }] };

const click = (responseCode: string) =>
  `<xml><ToUserName><![CDATA[${config.corpId}]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>` +
  `<CreateTime>${NOW.getTime() / 1000}</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
  `<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[ack]]></EventKey>` +
  `<TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>` +
  `<ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>1000002</AgentID></xml>`;

let app: WecomTestApp | undefined;
afterEach(async () => {
  await app?.close();
});

describe("a WeCom card click round trip", () => {
  it("sends a card, receives the encrypted click over HTTP, and updates the card with its ResponseCode", async () => {
    const clock = fixedClock(NOW);
    const scope = nock(config.apiBaseUrl)
      .get("/cgi-bin/gettoken")
      .query({ corpid: config.corpId, corpsecret: config.secret })
      .reply(200, { errcode: 0, errmsg: "ok", access_token: "accesstoken000001", expires_in: 7200 })
      .post("/cgi-bin/message/send", {
        touser: "zhangsan",
        agentid: 1000002,
        msgtype: "template_card",
        template_card: {
          card_type: "button_interaction",
          main_title: { title: "【到期提醒】52 稳就业" },
          horizontal_content_list: [{ keyname: "截止", value: "3月25日（周四）" }],
          task_id: taskId,
          button_list: [
            { type: 0, text: "签收", style: 1, key: "ack" },
            { type: 0, text: "正常推进", style: 2, key: "normal" },
          ],
        },
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      })
      .query({ access_token: "accesstoken000001" })
      .reply(200, { errcode: 0, errmsg: "ok", msgid: "msg-1", response_code: "rc-send" })
      .post(
        "/cgi-bin/message/update_template_card",
        (body: {
          userids: string[];
          response_code: string;
          template_card: { task_id: string; button_list: unknown[] };
        }) =>
          body.response_code === "rc-click" &&
          body.userids.join() === "zhangsan" &&
          body.template_card.task_id === taskId &&
          body.template_card.button_list.length === 1,
      )
      .query({ access_token: "accesstoken000001" })
      .reply(200, { errcode: 0, errmsg: "ok" });

    const channel = createWecomChannel({
      api: createWecomApi({ config, clock }),
      clock,
      logger: createLogger({ write: () => {} }),
    });
    const sent = await channel.send({
      platformDedupe: true,
      idempotencyKey: "52/区人社局/2021-03/T-3/u1",
      recipients: [zhangsan],
      message: { kind: "card", card: reminder },
      cardId,
    });
    expect(sent.get("p-zhangsan")).toEqual({
      status: "sent",
      platformMessageId: "msg-1",
      updateToken: "rc-send",
    });

    const updates: SendResult[] = [];
    app = await startWecomApp({
      config,
      clock,
      onInbound: async (event: InboundEvent) => {
        if (event.kind !== "card-action") return;
        const result = await channel.updateCard?.({
          cardId: event.cardId,
          recipient: zhangsan,
          update: { kind: "replace", card: acknowledged },
          updateToken: event.updateToken,
        });
        if (result) updates.push(result);
      },
    });
    const sealed = sealWecomCallback(click("rc-click"), config, { timestamp: String(NOW.getTime() / 1000) });
    const response = await fetch(`${app.base}/wecom/callback?${sealed.search}`, {
      method: "POST",
      body: sealed.body,
    });
    expect(response.status).toBe(200);
    await app.settled();

    expect(app.events).toEqual([
      expect.objectContaining({
        kind: "card-action",
        from: "zhangsan",
        cardId,
        actionKey: "ack",
        updateToken: "rc-click",
      }),
    ]);
    expect(updates).toEqual([{ status: "sent", platformMessageId: taskId }]);
    expect(scope.isDone()).toBe(true);
  });
});
