import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createDingtalkApi } from "../../../../src/channels/dingtalk/dingtalk-api.js";
import { downloadDingtalkFile } from "../../../../src/channels/dingtalk/dingtalk-file-download.js";
import { APP, OPENAPI, replyToken } from "./dingtalk-send-kit.js";

const TOKEN = "dingaccesstoken0042";
const FILES = "https://dingtalk-files.example.com";
const CONTENT = Buffer.from("关于分解落实2021年政府工作报告任务目标的通知\n", "utf8");

afterEach(() => {
  nock.cleanAll();
});

function setup() {
  const api = createDingtalkApi({ config: APP, sleep: async () => {}, random: () => 0.5 });
  const token = replyToken(nock(OPENAPI), TOKEN);
  const download = (maxBytes = 1024) =>
    downloadDingtalkFile(api, { robotCode: APP.robotCode, downloadCode: "code-1", maxBytes });
  return { token, download };
}

const askUrl = () =>
  nock(OPENAPI, { reqheaders: { "x-acs-dingtalk-access-token": TOKEN } }).post(
    "/v1.0/robot/messageFiles/download",
    { downloadCode: "code-1", robotCode: APP.robotCode },
  );

describe("downloadDingtalkFile", () => {
  it("asks messageFiles/download for the URL with the robot's code, then GETs the file", async () => {
    const { token, download } = setup();
    const ask = askUrl().reply(200, { downloadUrl: `${FILES}/f/abc?sig=secret` });
    const get = nock(FILES).get("/f/abc").query({ sig: "secret" }).reply(200, CONTENT);
    expect(await download()).toEqual({ ok: true, bytes: CONTENT });
    expect(token.isDone() && ask.isDone() && get.isDone()).toBe(true);
  });

  it("refuses a file over the cap, by its declared length or by what arrives", async () => {
    const { download } = setup();
    askUrl()
      .twice()
      .reply(200, { downloadUrl: `${FILES}/big` });
    nock(FILES).get("/big").reply(200, Buffer.alloc(2000), { "content-length": "2000" });
    expect(await download()).toMatchObject({ ok: false, problem: "too-large" });
    nock(FILES)
      .get("/big")
      .reply(200, () => Buffer.alloc(2000), { "transfer-encoding": "chunked" });
    const second = await download();
    expect(second, JSON.stringify(second)).toMatchObject({ ok: false, problem: "too-large" });
  });

  it("says gone for a download code DingTalk refuses, failed for a broken answer, never the URL's signature", async () => {
    const { download } = setup();
    askUrl().reply(400, { code: "invalidParameter.downloadCode", message: "downloadCode is invalid" });
    expect(await download()).toMatchObject({ ok: false, problem: "gone" });
    askUrl().reply(200, {});
    expect(await download()).toMatchObject({ ok: false, problem: "failed" });
    askUrl().reply(200, { downloadUrl: `${FILES}/x?sig=secret` });
    nock(FILES).get("/x").query(true).reply(500, "oops");
    const failed = await download();
    expect(failed).toMatchObject({ ok: false, problem: "failed" });
    expect(JSON.stringify(failed)).not.toContain("secret");
  });
});
