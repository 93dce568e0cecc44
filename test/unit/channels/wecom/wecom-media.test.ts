import { createHash } from "node:crypto";
import nock from "nock";
import { describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../../../src/channels/message.js";
import { createWecomApi } from "../../../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../../../src/channels/wecom/wecom-channel.js";
import { createWecomRobot } from "../../../../src/channels/wecom/wecom-robot.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import { type ReceivedPart, readMultipart, TINY_PNG } from "../../../helpers/read-multipart.js";
import { APP, movingClock, QYAPI, recordingLogger, replyToken } from "./wecom-api-kit.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const LEDGER = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(300, 0xa7)]);
const ROBOT_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
const member: Recipient = { personId: "p1", name: "寇宁", accounts: { wecom: "KouNing" } };
const group: Recipient = { personId: "g1", name: "领导群", accounts: { wecom: "robot:领导群" } };

const image: OutboundMessage = {
  kind: "image",
  fileName: "寇宁-2021-W14.png",
  base64: TINY_PNG.toString("base64"),
  caption: "第14周督办进度图",
};
const file: OutboundMessage = {
  kind: "file",
  fileName: "台账-2021-04-06.xlsx",
  base64: LEDGER.toString("base64"),
};

interface Upload {
  type: string | undefined;
  token: string | undefined;
  parts: ReceivedPart[];
}

function setup() {
  const clock = movingClock();
  const { logger } = recordingLogger();
  const scope = replyToken(nock(QYAPI), "accesstoken000001");
  const api = createWecomApi({ config: APP, clock });
  const robot = createWecomRobot({
    key: ROBOT_KEY,
    name: "领导群",
    apiBaseUrl: QYAPI,
    clock,
    logger,
    sleep: clock.sleep,
  });
  const channel = createWecomChannel({ api, robots: [robot], clock, logger });
  const uploads: Upload[] = [];
  const sends: Array<Record<string, unknown>> = [];
  const upload = (path: string, answer: Record<string, unknown>) =>
    nock(QYAPI)
      .post(path)
      .query(true)
      .reply(async function (uri, body) {
        const query = new URL(uri, QYAPI).searchParams;
        uploads.push({
          type: query.get("type") ?? undefined,
          token: query.get("access_token") ?? query.get("key") ?? undefined,
          parts: await readMultipart(String(body), String(this.req.headers["content-type"])),
        });
        return [200, answer];
      });
  const send = (path: string, answer: Record<string, unknown> = { errcode: 0, errmsg: "ok", msgid: "m1" }) =>
    nock(QYAPI)
      .post(path, (body: Record<string, unknown>) => {
        sends.push(body);
        return true;
      })
      .query(true)
      .reply(200, answer);
  return { channel, scope, uploads, sends, upload, send };
}

describe("WeCom images and files", () => {
  it("app: uploads the PNG through media/upload (part media, its name and type), then sends its media_id", async () => {
    const { channel, uploads, sends, upload, send } = setup();
    upload("/cgi-bin/media/upload", {
      errcode: 0,
      errmsg: "",
      type: "image",
      media_id: "MEDIA-IMG-1",
      created_at: "1",
    });
    send("/cgi-bin/message/send");
    const results = await channel.send({
      idempotencyKey: "k1",
      recipients: [member],
      message: image,
      platformDedupe: true,
    });
    expect(results.get("p1")).toEqual({ status: "sent", platformMessageId: "m1" });
    expect(uploads).toEqual([
      {
        type: "image",
        token: "accesstoken000001",
        parts: [{ field: "media", fileName: "寇宁-2021-W14.png", contentType: "image/png", bytes: TINY_PNG }],
      },
    ]);
    expect(sends).toEqual([
      {
        touser: "KouNing",
        agentid: APP.agentId,
        msgtype: "image",
        image: { media_id: "MEDIA-IMG-1" },
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      },
    ]);
  });

  it("app: a file the same way, and the same file sent again reuses its media_id (the duplicate check compares the JSON)", async () => {
    const { channel, uploads, sends, upload, send } = setup();
    upload("/cgi-bin/media/upload", { errcode: 0, errmsg: "", type: "file", media_id: "MEDIA-FILE-1" });
    send("/cgi-bin/message/send");
    send("/cgi-bin/message/send", { errcode: 0, errmsg: "ok", msgid: "m2" });
    for (const key of ["k1", "k1"])
      await channel.send({ idempotencyKey: key, recipients: [member], message: file, platformDedupe: true });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.type).toBe("file");
    expect(uploads[0]?.parts).toEqual([
      { field: "media", fileName: "台账-2021-04-06.xlsx", contentType: XLSX, bytes: LEDGER },
    ]);
    expect(sends).toHaveLength(2);
    expect(sends[1]).toEqual(sends[0]);
    expect(sends[0]).toMatchObject({ msgtype: "file", file: { media_id: "MEDIA-FILE-1" } });
  });

  it("app: an upload refused for the app's rate limit (45009) pauses the channel, as message/send's does", async () => {
    const { channel, sends, upload } = setup();
    upload("/cgi-bin/media/upload", { errcode: 45009, errmsg: "api freq out of limit" });
    const result = (await channel.send({ idempotencyKey: "k", recipients: [member], message: file })).get(
      "p1",
    );
    expect(result).toMatchObject({ status: "rate-limited", scope: "channel" });
    // While the back-off lasts nothing is tried, not even the upload.
    const again = (await channel.send({ idempotencyKey: "k", recipients: [member], message: file })).get(
      "p1",
    );
    expect(again).toMatchObject({ status: "rate-limited", scope: "channel" });
    expect(sends).toHaveLength(0);
  });

  it("app: an upload refused for the file itself (40005 invalid file type) is the message's, for good", async () => {
    const { channel, upload } = setup();
    upload("/cgi-bin/media/upload", { errcode: 40005, errmsg: "invalid file type" });
    const result = (await channel.send({ idempotencyKey: "k", recipients: [member], message: file })).get(
      "p1",
    );
    expect(result?.status).toBe("permanent-error");
    expect(result).not.toHaveProperty("scope");
  });

  it("robot: an image goes in the message as base64 with the md5 of its bytes", async () => {
    const { channel, sends, send } = setup();
    send("/cgi-bin/webhook/send", { errcode: 0, errmsg: "ok" });
    const result = (await channel.send({ idempotencyKey: "k", recipients: [group], message: image })).get(
      "g1",
    );
    expect(result).toMatchObject({ status: "sent" });
    expect(sends).toEqual([
      {
        msgtype: "image",
        image: { base64: TINY_PNG.toString("base64"), md5: createHash("md5").update(TINY_PNG).digest("hex") },
      },
    ]);
  });

  it("robot: a file is uploaded through upload_media (type=file, the robot's key), then sent by media_id", async () => {
    const { channel, uploads, sends, upload, send } = setup();
    upload("/cgi-bin/webhook/upload_media", {
      errcode: 0,
      errmsg: "ok",
      type: "file",
      media_id: "ROBOT-FILE-1",
    });
    send("/cgi-bin/webhook/send", { errcode: 0, errmsg: "ok" });
    const result = (await channel.send({ idempotencyKey: "k", recipients: [group], message: file })).get(
      "g1",
    );
    expect(result).toMatchObject({ status: "sent" });
    expect(uploads).toEqual([
      {
        type: "file",
        token: ROBOT_KEY,
        parts: [{ field: "media", fileName: "台账-2021-04-06.xlsx", contentType: XLSX, bytes: LEDGER }],
      },
    ]);
    expect(sends).toEqual([{ msgtype: "file", file: { media_id: "ROBOT-FILE-1" } }]);
  });

  it("refuses an image that is not a PNG without asking WeCom", async () => {
    const { channel } = setup();
    const notPng: OutboundMessage = { kind: "image", fileName: "图.png", base64: LEDGER.toString("base64") };
    for (const to of [member, group]) {
      const result = (await channel.send({ idempotencyKey: "k", recipients: [to], message: notPng })).get(
        to.personId,
      );
      expect(result).toEqual({ status: "permanent-error", reason: "图片不是 PNG 格式，未发送。" });
    }
  });
});
