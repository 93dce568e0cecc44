import nock from "nock";
import { describe, expect, it } from "vitest";
import { createDingtalkApi } from "../../../../src/channels/dingtalk/dingtalk-api.js";
import { createDingtalkChannel } from "../../../../src/channels/dingtalk/dingtalk-channel.js";
import { oapiBaseUrl } from "../../../../src/channels/dingtalk/dingtalk-config.js";
import { createSessionWebhooks } from "../../../../src/channels/dingtalk/dingtalk-session-webhooks.js";
import type { OutboundMessage } from "../../../../src/channels/message.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import { type ReceivedPart, readMultipart, TINY_PNG } from "../../../helpers/read-multipart.js";
import { APP, fakeCounters, OPENAPI, recordingLogger, replyToken, virtualTime } from "./dingtalk-send-kit.js";

const TOKEN = "dingaccesstoken0001";
const OAPI = "https://oapi.dingtalk.com";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const LEDGER = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(300, 0xa7)]);

const person = (i: number): Recipient => ({
  personId: `p${i}`,
  name: `联系人${i}`,
  accounts: { dingtalk: `user${i}` },
});
const group: Recipient = { personId: "g1", name: "领导群", accounts: { dingtalk: "group:cidLEADERS==" } };
const image: OutboundMessage = {
  kind: "image",
  fileName: "寇宁-2021-W14.png",
  base64: TINY_PNG.toString("base64"),
};
const file: OutboundMessage = {
  kind: "file",
  fileName: "台账-2021-04-06.xlsx",
  base64: LEDGER.toString("base64"),
};

type RobotBody = {
  robotCode: string;
  msgKey: string;
  msgParam: string;
  userIds?: string[];
  openConversationId?: string;
};

function setup() {
  const time = virtualTime();
  replyToken(nock(OPENAPI), TOKEN);
  const counters = fakeCounters(time);
  const api = createDingtalkApi({ config: APP, clock: time, sleep: time.sleep, counters });
  const sessionWebhooks = createSessionWebhooks({ clock: time });
  const { logger } = recordingLogger();
  const channel = createDingtalkChannel({ config: APP, api, sessionWebhooks, clock: time, logger });
  const uploads: Array<{ type: string | null; token: string | null; parts: ReceivedPart[] }> = [];
  const robot: RobotBody[] = [];
  const upload = (answer: Record<string, unknown>, times = 1) =>
    nock(OAPI)
      .post("/media/upload")
      .query(true)
      .times(times)
      .reply(async function (uri, body) {
        const query = new URL(uri, OAPI).searchParams;
        uploads.push({
          type: query.get("type"),
          token: query.get("access_token"),
          parts: await readMultipart(String(body), String(this.req.headers["content-type"])),
        });
        return [200, answer];
      });
  const send = (path: string, answer: Record<string, unknown>) =>
    nock(OPENAPI)
      .post(path, (body: RobotBody) => {
        robot.push(body);
        return true;
      })
      .reply(200, answer);
  const metered = () => [...counters.totals.values()].reduce((a, b) => a + b, 0);
  return { time, channel, sessionWebhooks, uploads, robot, upload, send, metered };
}

describe("DingTalk images and files", () => {
  it("oapi's address follows the API's (api.dingtalk.com → oapi.dingtalk.com; a local stand-in serves both)", () => {
    expect(oapiBaseUrl({ apiBaseUrl: "https://api.dingtalk.com" })).toBe("https://oapi.dingtalk.com");
    expect(oapiBaseUrl({ apiBaseUrl: "https://api.dingtalk.io" })).toBe("https://oapi.dingtalk.io");
    expect(oapiBaseUrl({ apiBaseUrl: "http://127.0.0.1:4100" })).toBe("http://127.0.0.1:4100");
    expect(oapiBaseUrl({ apiBaseUrl: "https://api.dingtalk.com", oapiBaseUrl: "http://fake" })).toBe(
      "http://fake",
    );
  });

  it("uploads the PNG to media/upload (type=image, part media) and sends it as sampleImageMsg to a person", async () => {
    const ctx = setup();
    ctx.upload({ errcode: 0, errmsg: "ok", type: "image", media_id: "@lADPimage", created_at: 1 });
    ctx.send("/v1.0/robot/oToMessages/batchSend", { processQueryKey: "q1" });
    const results = await ctx.time.run(
      ctx.channel.send({ idempotencyKey: "k", recipients: [person(1)], message: image }),
    );
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "q1" });
    expect(ctx.uploads).toEqual([
      {
        type: "image",
        token: TOKEN,
        parts: [{ field: "media", fileName: "寇宁-2021-W14.png", contentType: "image/png", bytes: TINY_PNG }],
      },
    ]);
    expect(ctx.robot).toEqual([
      {
        robotCode: APP.robotCode,
        userIds: ["user1"],
        msgKey: "sampleImageMsg",
        msgParam: JSON.stringify({ photoURL: "@lADPimage" }),
      },
    ]);
    // The upload and the send: both calls count against the month's allowance.
    expect(ctx.metered()).toBe(2);
  });

  it("sends a file as sampleFile (mediaId, fileName, fileType) to a group, never through a session webhook", async () => {
    const ctx = setup();
    ctx.sessionWebhooks.remember("user1", {
      url: "https://oapi.dingtalk.com/robot/sendBySession?session=s1",
      expiresAtMs: ctx.time.now().getTime() + 3_600_000,
      conversationType: "1",
    });
    ctx.upload({ errcode: 0, errmsg: "ok", type: "file", media_id: "@lAzPfile" });
    ctx.send("/v1.0/robot/oToMessages/batchSend", { processQueryKey: "q1" });
    ctx.send("/v1.0/robot/groupMessages/send", { processQueryKey: "q2" });
    const toPerson = await ctx.time.run(
      ctx.channel.send({ idempotencyKey: "k1", recipients: [person(1)], message: file }),
    );
    const toGroup = await ctx.time.run(
      ctx.channel.send({ idempotencyKey: "k2", recipients: [group], message: file }),
    );
    expect(toPerson.get("p1")).toMatchObject({ status: "sent", platformMessageId: "q1" });
    expect(toGroup.get("g1")).toMatchObject({ status: "sent", platformMessageId: "q2" });
    // One upload for both: the same bytes reuse their media_id.
    expect(ctx.uploads).toHaveLength(1);
    expect(ctx.uploads[0]?.type).toBe("file");
    expect(ctx.uploads[0]?.parts).toEqual([
      { field: "media", fileName: "台账-2021-04-06.xlsx", contentType: XLSX, bytes: LEDGER },
    ]);
    const param = JSON.stringify({
      mediaId: "@lAzPfile",
      fileName: "台账-2021-04-06.xlsx",
      fileType: "xlsx",
    });
    expect(ctx.robot).toEqual([
      { robotCode: APP.robotCode, userIds: ["user1"], msgKey: "sampleFile", msgParam: param },
      { robotCode: APP.robotCode, openConversationId: "cidLEADERS==", msgKey: "sampleFile", msgParam: param },
    ]);
  });

  it("an upload DingTalk refuses (40004 不合法的媒体文件类型) fails the message for good, and nothing is sent", async () => {
    const ctx = setup();
    ctx.upload({ errcode: 40004, errmsg: "不合法的媒体文件类型" });
    const results = await ctx.time.run(
      ctx.channel.send({ idempotencyKey: "k", recipients: [person(1)], message: file }),
    );
    expect(results.get("p1")?.status).toBe("permanent-error");
    expect(ctx.robot).toHaveLength(0);
  });

  it("an upload DingTalk rate-limits (90018) pauses the channel, and a later send uploads again", async () => {
    const ctx = setup();
    ctx.upload({ errcode: 90018, errmsg: "api freq out of limit" });
    const first = await ctx.time.run(
      ctx.channel.send({ idempotencyKey: "k", recipients: [person(1)], message: file }),
    );
    expect(first.get("p1")).toMatchObject({ status: "rate-limited", scope: "channel" });
    ctx.upload({ errcode: 0, errmsg: "ok", media_id: "@again" });
    ctx.send("/v1.0/robot/oToMessages/batchSend", { processQueryKey: "q1" });
    const second = await ctx.time.run(
      ctx.channel.send({ idempotencyKey: "k", recipients: [person(1)], message: file }),
    );
    expect(second.get("p1")).toMatchObject({ status: "sent" });
    expect(ctx.uploads).toHaveLength(2);
  });
});
