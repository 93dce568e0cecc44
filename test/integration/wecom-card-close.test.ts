import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { createLogger } from "../../src/shared/logger.js";
import { openStore } from "../../src/store/open-store.js";
import { OFFICIAL_KEYS, V1_ENV } from "../fixtures/wecom/vectors.js";
import { importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";
import { sealWecomCallback } from "../helpers/wecom-request.js";

const QYAPI = "https://qyapi.weixin.qq.com";
/** 徐勇, contact of 区人力资源和社会保障局, host of task 52 (config/examples/directory.yaml). */
const HR_CONTACT = "demo.u06.contact";
const MONDAY_0900 = "2021-03-22T01:00:00Z";
const MONDAY_1200 = "2021-03-22T04:00:00Z";

interface SentCard {
  touser: string;
  template_card: { task_id: string; main_title: { title: string } };
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  nock.cleanAll();
});

/** The real app on WeCom (the official test keys), the seed imported, the clock the test sets. */
async function startWecomService(logLines: string[]) {
  const dir = makeTempDir("duban-wecom-close");
  cleanup.push(dir.remove);
  const seeded = await openStore({ dataDir: dir.path, redisKeyPrefix: "unused:" });
  await importSeed(seeded);
  await seeded.close();
  let now = new Date(MONDAY_0900);
  const clock = { now: () => new Date(now.getTime()) };
  const env = { ...V1_ENV, DUBAN_DATA_DIR: dir.path, WECOM_API_BASE_URL: QYAPI };
  const logger = createLogger({ write: (line) => logLines.push(line) });
  const app = await createApp(loadConfig(env), logger, { clock, env });
  const server = app.http.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  cleanup.push(
    () => app.stop(),
    () => void server.close(),
  );
  return {
    app,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setClock: (at: string) => {
      now = new Date(at);
    },
  };
}

const click = (taskId: string, eventKey: string, responseCode: string, createTime: number) =>
  `<xml><ToUserName><![CDATA[${OFFICIAL_KEYS.corpId}]]></ToUserName>` +
  `<FromUserName><![CDATA[${HR_CONTACT}]]></FromUserName><CreateTime>${createTime}</CreateTime>` +
  `<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>` +
  `<EventKey><![CDATA[${eventKey}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId>` +
  `<CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode>` +
  `<AgentID>${V1_ENV.WECOM_AGENT_ID}</AgentID></xml>`;

/**
 * WeCom faked over HTTP: gettoken, message/send (the cards are kept) and update_template_card,
 * which answers `updateAnswer` and keeps each body it was sent.
 */
function fakeWecom(updateAnswer: { errcode: number; errmsg: string }) {
  const sent: SentCard[] = [];
  const updates: unknown[] = [];
  nock(QYAPI)
    .persist()
    .get("/cgi-bin/gettoken")
    .query(true)
    .reply(200, { errcode: 0, errmsg: "ok", access_token: "accesstoken000001", expires_in: 7200 })
    .post("/cgi-bin/message/send")
    .query(true)
    .reply(200, (_uri, body) => {
      const message = body as SentCard & { msgtype: string };
      if (message.msgtype === "template_card") sent.push(message);
      return { errcode: 0, errmsg: "ok", msgid: `msg-${sent.length}`, response_code: "rc-send" };
    })
    .post("/cgi-bin/message/update_template_card")
    .query(true)
    .reply(200, (_uri, body) => {
      updates.push(body);
      return updateAnswer;
    });
  return { sent, updates };
}

/** The T-3 sweep and the morning's sends, then 徐勇 clicks 签收 on his card for task 52. */
async function clickAck(wecom: ReturnType<typeof fakeWecom>, logLines: string[] = []) {
  const { app, base, setClock } = await startWecomService(logLines);
  const sweep = app.services.jobs.find((job) => job.name === "reminder-sweep");
  await sweep?.run(new Date(MONDAY_0900));
  setClock(MONDAY_1200);
  await app.services.dispatcher.dispatchDue();
  const card = wecom.sent.find(
    (c) => c.touser === HR_CONTACT && c.template_card.main_title.title.includes("第52项"),
  );
  if (!card) throw new Error("the T-3 card for task 52 was not sent to the HR contact");
  const sendsBefore = wecom.sent.length;

  const createTime = Date.parse(MONDAY_1200) / 1000 + 60;
  const sealed = sealWecomCallback(click(card.template_card.task_id, "ack", "rc-click", createTime), {
    ...OFFICIAL_KEYS,
    agentId: Number(V1_ENV.WECOM_AGENT_ID),
  });
  const response = await fetch(`${base}/wecom/callback?${sealed.search}`, {
    method: "POST",
    body: sealed.body,
  });
  expect(response.status).toBe(200);
  // The click is handled after the 200 (WeCom wants its answer within 5 s).
  for (let i = 0; i < 100 && wecom.updates.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 200)); // room for a second request, which must not come
  return { newSends: wecom.sent.length - sendsBefore };
}

describe("a click on a WeCom reminder card, through the real service", () => {
  it("closes the clicked card with one update_template_card that sets button.replace_name", async () => {
    const wecom = fakeWecom({ errcode: 0, errmsg: "ok" });
    await clickAck(wecom);
    expect(wecom.updates).toEqual([
      {
        userids: [HR_CONTACT],
        agentid: Number(V1_ENV.WECOM_AGENT_ID),
        response_code: "rc-click",
        button: { replace_name: "已签收" },
      },
    ]);
  });

  it("logs WeCom's errcode and hint when the close is refused, and sends no card instead", async () => {
    const wecom = fakeWecom({ errcode: 42022, errmsg: "response_code has been used" });
    const lines: string[] = [];
    const { newSends } = await clickAck(wecom, lines);
    expect(wecom.updates).toHaveLength(1);
    expect(newSends).toBe(0);
    const refused = lines
      .map((line) => JSON.parse(line))
      .find((r) => r.msg === "WeCom refused to update the card");
    expect(refused).toMatchObject({
      level: "warn",
      errcode: 42022,
      errmsg: "response_code has been used",
      hint: expect.stringContaining("卡片更新码已使用或已过期（错误码 42022）"),
    });
    const feature = lines
      .map((line) => JSON.parse(line))
      .find((r) => r.msg === "could not close the clicked card");
    expect(feature).toMatchObject({ status: "permanent-error", reason: expect.stringContaining("42022") });
  });
});
