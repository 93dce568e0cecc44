import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { DingCallbackCrypto } from "../../../../src/channels/dingtalk/dingtalk-callback-crypto.js";
import type { DingtalkHttpKeys } from "../../../../src/channels/dingtalk/dingtalk-http-routes.js";
import { fixedClock } from "../../../../src/shared/clock.js";
import { VECTOR_1 as V } from "../../../fixtures/dingtalk/vectors.js";
import { type DingtalkTestApp, robotHeaders, startDingtalkApp } from "./dingtalk-app-kit.js";
import { readFixture } from "./dingtalk-test-kit.js";

const NOW = new Date("2026-03-02T08:00:00.000Z");
const SECRET = "Kq3dTestAppSecret-0123456789abcdefABCDEF";
// The event route is exercised with official vector 1, whose owner key is then our Client ID.
const CONFIG: DingtalkHttpKeys = {
  clientId: V.ownerKey,
  clientSecret: SECRET,
  eventCallback: { token: V.token, aesKey: V.aesKey },
};
const GROUP = readFixture("robot-group-text.json");
const WEBHOOK_SESSION = "76da36b4**********8f59e8";
const EVENT_ID = "dingtalk:msg:msgLICYe****HgY4JtMQw==";

let app: DingtalkTestApp;
const start = async (config: DingtalkHttpKeys = CONFIG, maxBodyBytes?: number) => {
  app = await startDingtalkApp({ config, clock: fixedClock(NOW), maxBodyBytes });
  return app;
};
afterEach(async () => {
  await app?.close();
});

const postRobot = (
  body: string | Buffer,
  headers: Record<string, string> = robotHeaders(SECRET, NOW.getTime()),
) => fetch(`${app.base}/dingtalk/robot`, { method: "POST", body, headers });
const postEvent = (query: string, body: string) =>
  fetch(`${app.base}/dingtalk/event?${query}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });

/** Nothing secret or personal reached the logs: no secret, token, key, sign, webhook or message text. */
function expectQuietLogs(extra: readonly string[] = []): void {
  const logs = app.logLines.join("\n");
  const sign = robotHeaders(SECRET, NOW.getTime()).sign;
  for (const secret of [SECRET, V.token, V.aesKey, sign, WEBHOOK_SESSION, "测试数据", ...extra]) {
    expect(logs).not.toContain(secret);
  }
}

describe("POST /dingtalk/robot", () => {
  it("stores the official sample, answers 200 with an empty body, then processes it", async () => {
    await start();
    const response = await postRobot(GROUP);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await app.settled();
    expect(app.inbox.processed).toEqual([
      {
        kind: "text",
        eventId: EVENT_ID,
        channel: "dingtalk",
        from: "16650***698",
        text: "测试数据",
        // Received at the service's clock, not DingTalk's createAt (dingtalk-robot-message.ts).
        at: NOW.toISOString(),
      },
    ]);
    expect(app.inbox.order).toEqual([`accept ${EVENT_ID}`, "answered", `process ${EVENT_ID}`]);
    expect(app.webhooks).toEqual([
      {
        userId: "16650***698",
        webhook: {
          url: `https://oapi.dingtalk.com/robot/sendBySession?session=${WEBHOOK_SESSION}`,
          expiresAtMs: 1690367502152,
          conversationType: "2",
        },
      },
    ]);
    expect(app.refusals).toEqual([]);
    expectQuietLogs();
  });

  it("answers a redelivery 200 without processing it again", async () => {
    await start();
    for (let delivery = 0; delivery < 3; delivery++) expect((await postRobot(GROUP)).status).toBe(200);
    await app.settled();
    expect(app.inbox.accepted).toHaveLength(3);
    expect(app.inbox.processed).toHaveLength(1);
    expect(app.webhooks).toHaveLength(1);
    expect(app.logLines.filter((line) => line.includes("repeated DingTalk delivery ignored"))).toHaveLength(
      2,
    );
  });

  it("does not wait for processing to answer", async () => {
    await start();
    app.inbox.hang = true;
    const response = await postRobot(GROUP);
    expect(response.status).toBe(200);
    expect(app.inbox.accepted).toHaveLength(1);
  });

  it("answers 503 when the store cannot take the message, and processes the retry once", async () => {
    await start();
    app.inbox.down = true;
    expect((await postRobot(GROUP)).status).toBe(503);
    await app.settled();
    expect(app.inbox.processed).toEqual([]);
    expect(app.webhooks).toEqual([]);
    expect(app.refusals).toEqual([]);
    expect(app.logLines.filter((line) => line.includes("not stored: answered 503"))).toHaveLength(1);
    app.inbox.down = false;
    expect((await postRobot(GROUP)).status).toBe(200);
    expect((await postRobot(GROUP)).status).toBe(200);
    await app.settled();
    expect(app.inbox.processed).toHaveLength(1);
    expectQuietLogs();
  });

  it.each<[string, Record<string, string>]>([
    ["a sign made with another secret", robotHeaders("another secret", NOW.getTime())],
    ["no sign header", { timestamp: String(NOW.getTime()) }],
    ["no timestamp header", { sign: robotHeaders(SECRET, NOW.getTime()).sign }],
    ["a timestamp in seconds", robotHeaders(SECRET, Math.floor(NOW.getTime() / 1000))],
  ])("refuses %s with 401 (unauthorised) and stores nothing", async (_, headers) => {
    await start();
    const response = await postRobot(GROUP, headers);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("");
    expect(app.inbox.accepted).toEqual([]);
    expect(app.refusals).toEqual(["unauthorised"]);
    expect(app.logLines.some((line) => line.includes("DingTalk callback refused"))).toBe(true);
    expectQuietLogs(headers.sign !== undefined ? [headers.sign] : []);
  });

  it.each([
    ["an hour and a second old", -3_601_000],
    ["an hour and a second ahead", 3_601_000],
  ])("refuses a correct sign %s with 401 (replay)", async (_, offsetMs) => {
    await start();
    const response = await postRobot(GROUP, robotHeaders(SECRET, NOW.getTime() + offsetMs));
    expect(response.status).toBe(401);
    expect(app.refusals).toEqual(["replay"]);
    expect(app.inbox.accepted).toEqual([]);
  });

  it("accepts a sign exactly an hour old", async () => {
    await start();
    expect((await postRobot(GROUP, robotHeaders(SECRET, NOW.getTime() - 3_600_000))).status).toBe(200);
  });

  it.each([
    ["not JSON", '{"msgId": '],
    ["JSON without msgId", JSON.stringify({ msgtype: "text", createAt: 1, text: { content: "x" } })],
  ])("refuses a signed body that is %s with 400 (malformed), naming the problem", async (_, body) => {
    await start();
    const response = await postRobot(body);
    expect(response.status).toBe(400);
    expect(app.refusals).toEqual(["malformed"]);
    expect(app.inbox.accepted).toEqual([]);
    expect(app.logLines.some((line) => line.includes("malformed") && line.includes("problem"))).toBe(true);
  });

  it("answers 200 to a message it ignores (someone outside the organisation) and stores nothing", async () => {
    await start();
    const body = JSON.parse(GROUP);
    delete body.senderStaffId;
    expect((await postRobot(JSON.stringify(body))).status).toBe(200);
    await app.settled();
    expect(app.inbox.accepted).toEqual([]);
    expect(app.refusals).toEqual([]);
    expect(app.logLines.some((line) => line.includes("ignored") && line.includes("outside-org"))).toBe(true);
    expectQuietLogs();
  });

  it("keeps a message whose sessionWebhook is outside DingTalk but drops the webhook, logging its origin", async () => {
    await start();
    const body = { ...JSON.parse(GROUP), sessionWebhook: "https://collector.example/hook?session=stolen123" };
    expect((await postRobot(JSON.stringify(body))).status).toBe(200);
    await app.settled();
    expect(app.inbox.processed).toHaveLength(1);
    expect(app.webhooks).toEqual([]);
    expect(app.logLines.some((line) => line.includes("https://collector.example"))).toBe(true);
    expectQuietLogs(["stolen123"]);
  });

  it("trusts the sessionWebhook of the configured API base URL's origin (a local fake)", async () => {
    await start({ ...CONFIG, apiBaseUrl: "http://127.0.0.1:4100" });
    const body = {
      ...JSON.parse(GROUP),
      sessionWebhook: "http://127.0.0.1:4100/robot/sendBySession?session=s1",
    };
    expect((await postRobot(JSON.stringify(body))).status).toBe(200);
    expect(app.webhooks.map((w) => w.webhook.url)).toEqual([
      "http://127.0.0.1:4100/robot/sendBySession?session=s1",
    ]);
  });

  it("refuses a body over the cap with 413 before reading it, declared or chunked", async () => {
    await start(CONFIG, 1024);
    const big = JSON.stringify({ ...JSON.parse(GROUP), padding: "x".repeat(2000) });
    const response = await postRobot(big);
    expect(response.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${app.base}/dingtalk/robot`, {
        method: "POST",
        headers: { ...robotHeaders(SECRET, NOW.getTime()), "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      for (let i = 0; i < 4; i++) req.write("x".repeat(600));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(app.refusals).toEqual(["too-large", "too-large"]);
    expect(app.inbox.accepted).toEqual([]);
  });

  it("answers other methods 405", async () => {
    await start();
    expect((await fetch(`${app.base}/dingtalk/robot`)).status).toBe(405);
  });
});

describe("POST /dingtalk/event", () => {
  const crypto = new DingCallbackCrypto({ token: V.token, aesKey: V.aesKey, ownerKey: V.ownerKey });
  const vectorBody = JSON.stringify({ encrypt: V.encrypt });

  async function expectSuccessReply(response: Response, timestamp: string): Promise<void> {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const reply = (await response.json()) as Record<string, string>;
    expect(Object.keys(reply).sort()).toEqual(["encrypt", "msg_signature", "nonce", "timeStamp"]);
    expect(reply.timeStamp).toBe(timestamp);
    const opened = crypto.open({
      signature: reply.msg_signature ?? "",
      timestamp: reply.timeStamp ?? "",
      nonce: reply.nonce ?? "",
      encrypt: reply.encrypt ?? "",
    });
    expect(opened).toBe("success");
  }

  it.each([
    ["msg_signature and timeStamp", `msg_signature=${V.signature}&timeStamp=${V.timestamp}&nonce=${V.nonce}`],
    ["msg_signature and timestamp", `msg_signature=${V.signature}&timestamp=${V.timestamp}&nonce=${V.nonce}`],
    ["signature and timestamp (older)", `signature=${V.signature}&timestamp=${V.timestamp}&nonce=${V.nonce}`],
  ])("answers official vector 1 (check_url) given %s with an encrypted success, fast", async (_, query) => {
    await start();
    const started = performance.now();
    const response = await postEvent(query, vectorBody);
    const elapsedMs = performance.now() - started;
    await expectSuccessReply(response, V.timestamp);
    expect(elapsedMs).toBeLessThan(1500);
    expect(app.logLines.some((line) => line.includes("check_url"))).toBe(true);
    expect(app.refusals).toEqual([]);
    expect(app.inbox.accepted).toEqual([]);
    expectQuietLogs();
  });

  it("answers another event type and logs its type only", async () => {
    await start();
    const plain = '{"EventType":"user_add_org","UserId":["zhangsan01"],"CorpId":"ding1"}';
    const encrypt = crypto.encrypt(plain);
    const query = `msg_signature=${crypto.sign("1772438400000", "abc", encrypt)}&timestamp=1772438400000&nonce=abc`;
    await expectSuccessReply(await postEvent(query, JSON.stringify({ encrypt })), "1772438400000");
    const line = app.logLines.find((l) => l.includes("user_add_org"));
    expect(line).toContain("answered without action");
    expectQuietLogs(["zhangsan01", encrypt]);
  });

  it("refuses a wrong signature with 401", async () => {
    await start();
    const query = `msg_signature=${"0".repeat(40)}&timestamp=${V.timestamp}&nonce=${V.nonce}`;
    const response = await postEvent(query, vectorBody);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("");
    expect(app.refusals).toEqual(["unauthorised"]);
    expect(app.logLines.some((line) => line.includes("900005"))).toBe(true);
    expectQuietLogs([V.encrypt]);
  });

  it("refuses an event for another app (owner key) with 401", async () => {
    await start({ ...CONFIG, clientId: "dingSomeOtherApp" });
    const query = `msg_signature=${V.signature}&timestamp=${V.timestamp}&nonce=${V.nonce}`;
    expect((await postEvent(query, vectorBody)).status).toBe(401);
    expect(app.logLines.some((line) => line.includes("900010"))).toBe(true);
  });

  it("refuses a body that is not the JSON envelope with 400", async () => {
    await start();
    const query = `msg_signature=${V.signature}&timestamp=${V.timestamp}&nonce=${V.nonce}`;
    expect((await postEvent(query, `encrypt=${V.encrypt}`)).status).toBe(400);
    expect(app.refusals).toEqual(["malformed"]);
  });

  it("refuses a body over the cap with 413", async () => {
    await start(CONFIG, 64);
    const query = `msg_signature=${V.signature}&timestamp=${V.timestamp}&nonce=${V.nonce}`;
    expect((await postEvent(query, vectorBody)).status).toBe(413);
    expect(app.refusals).toEqual(["too-large"]);
  });

  it("is not mounted without DINGTALK_CALLBACK_TOKEN and DINGTALK_CALLBACK_AES_KEY (404)", async () => {
    await start({ clientId: CONFIG.clientId, clientSecret: SECRET });
    const query = `msg_signature=${V.signature}&timestamp=${V.timestamp}&nonce=${V.nonce}`;
    expect((await postEvent(query, vectorBody)).status).toBe(404);
    expect((await postRobot(GROUP)).status).toBe(200);
  });
});
