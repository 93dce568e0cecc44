import { describe, expect, it } from "vitest";
import { readRobotMessage } from "../../../../src/channels/dingtalk/dingtalk-robot-message.js";
import { readFixture } from "./dingtalk-test-kit.js";

const GROUP = readFixture("robot-group-text.json");
const group = (): Record<string, unknown> => JSON.parse(GROUP);
const oneToOne = (changes: Record<string, unknown> = {}) =>
  JSON.stringify({
    msgId: "msgY1234Pw==",
    msgtype: "text",
    createAt: 1695283635765,
    senderStaffId: "0420297",
    conversationType: "1",
    sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=79b48abc",
    sessionWebhookExpiredTime: 1695289035996,
    text: { content: "/help" },
    ...changes,
  });

describe("readRobotMessage: text", () => {
  it("reads the official group sample of brief §1.2 (leading space trimmed) and its session webhook", () => {
    expect(readRobotMessage(GROUP)).toEqual({
      kind: "text",
      event: {
        kind: "text",
        eventId: "dingtalk:msg:msgLICYe****HgY4JtMQw==",
        channel: "dingtalk",
        from: "16650***698",
        text: "测试数据",
        at: new Date(1690362101894).toISOString(),
      },
      session: {
        userId: "16650***698",
        webhook: {
          url: "https://oapi.dingtalk.com/robot/sendBySession?session=76da36b4**********8f59e8",
          expiresAtMs: 1690367502152,
          conversationType: "2",
        },
      },
    });
  });

  it("reads the same JSON as a Buffer (the HTTP body) and as a string (the Stream data)", () => {
    expect(readRobotMessage(Buffer.from(GROUP, "utf8"))).toEqual(readRobotMessage(GROUP));
  });

  it("keys the event on msgId alone: a redelivery with other fields is the same event", () => {
    const first = readRobotMessage(oneToOne());
    const again = readRobotMessage(oneToOne({ sessionWebhookExpiredTime: 1695289999999, extra: 1 }));
    expect(first.kind === "text" && again.kind === "text").toBe(true);
    if (first.kind === "text" && again.kind === "text") expect(again.event.eventId).toBe(first.event.eventId);
  });

  it("trims spaces, tabs and line breaks on both ends but keeps the inside", () => {
    const reading = readRobotMessage(oneToOne({ text: { content: " \t/进展 T12  完成 50%\n" } }));
    expect(reading.kind === "text" && reading.event.text).toBe("/进展 T12  完成 50%");
  });

  it("tolerates unknown fields, atUsers and a missing conversationTitle", () => {
    const reading = readRobotMessage(
      oneToOne({ senderPlatform: "Win", atUsers: [{ dingtalkId: "x", staffId: "y" }] }),
    );
    expect(reading.kind).toBe("text");
  });

  it("accepts conversationType and the expiry as numbers' strings too", () => {
    const reading = readRobotMessage(
      oneToOne({ conversationType: 1, sessionWebhookExpiredTime: "1695289035996" }),
    );
    expect(reading.kind === "text" && reading.session?.webhook).toEqual({
      url: "https://oapi.dingtalk.com/robot/sendBySession?session=79b48abc",
      expiresAtMs: 1695289035996,
      conversationType: "1",
    });
  });
});

describe("readRobotMessage: richText", () => {
  it("takes the text parts, one per line, and drops the picture", () => {
    const reading = readRobotMessage(readFixture("robot-richtext.json"));
    expect(reading.kind === "text" && reading.event.text).toBe(
      "这个问题示例图如下：\n通过以上示意图可以明白完整的交互流程",
    );
  });

  it("ignores a richText of pictures only as not-text", () => {
    const content = { richText: [{ downloadCode: "x", type: "picture" }] };
    expect(readRobotMessage(oneToOne({ msgtype: "richText", content, text: undefined }))).toMatchObject({
      kind: "ignored",
      reason: "not-text",
    });
  });
});

describe("readRobotMessage: ignored", () => {
  it("ignores someone outside the organisation (no senderStaffId)", () => {
    const body = group();
    delete body.senderStaffId;
    expect(readRobotMessage(JSON.stringify(body))).toEqual({
      kind: "ignored",
      reason: "outside-org",
      msgId: "msgLICYe****HgY4JtMQw==",
      msgtype: "text",
    });
    expect(readRobotMessage(oneToOne({ senderStaffId: "" }))).toMatchObject({ reason: "outside-org" });
  });

  it("ignores the official picture sample as not-text", () => {
    expect(readRobotMessage(readFixture("robot-picture.json"))).toMatchObject({
      kind: "ignored",
      reason: "not-text",
      msgtype: "picture",
    });
  });

  it.each(["audio", "video", "unknownMsgType"])("ignores msgtype %s as not-text", (msgtype) => {
    const content = { downloadCode: "x", recognition: "完成了" };
    expect(readRobotMessage(oneToOne({ msgtype, content, text: null }))).toMatchObject({
      kind: "ignored",
      reason: "not-text",
    });
  });

  it.each(["", "   ", " \n\t "])("ignores text %j as empty-text (an @-mention alone)", (content) => {
    expect(readRobotMessage(oneToOne({ text: { content } }))).toMatchObject({
      kind: "ignored",
      reason: "empty-text",
    });
  });
});

describe("readRobotMessage: session webhook", () => {
  it.each([
    ["absent", { sessionWebhook: undefined }],
    ["not a URL", { sessionWebhook: "not a url" }],
    ["without an expiry", { sessionWebhookExpiredTime: undefined }],
    ["with a negative expiry", { sessionWebhookExpiredTime: -5 }],
    ["with a boolean expiry", { sessionWebhookExpiredTime: true }],
    ["with an unknown conversationType", { conversationType: "3" }],
    ["without a conversationType", { conversationType: undefined }],
  ])("keeps the message without a webhook when it is %s", (_, changes) => {
    const reading = readRobotMessage(oneToOne(changes));
    expect(reading.kind).toBe("text");
    expect(reading.kind === "text" && reading.session).toBeUndefined();
  });

  it.each([
    "http://oapi.dingtalk.com/robot/sendBySession?session=a",
    "https://oapi.dingtalk.com.evil.example/robot/sendBySession?session=a",
    "https://evil-dingtalk.com/robot/sendBySession?session=a",
    "https://127.0.0.1:4000/robot/sendBySession?session=a",
  ])("drops a webhook outside DingTalk's hosts (%s), naming only its origin", (url) => {
    const reading = readRobotMessage(oneToOne({ sessionWebhook: url }));
    expect(reading.kind === "text" && reading.session).toBeUndefined();
    expect(reading.kind === "text" && reading.untrustedWebhookOrigin).toBe(new URL(url).origin);
  });

  it("accepts DingTalk's overseas host and an origin the caller trusts (a local fake)", () => {
    const overseas = readRobotMessage(
      oneToOne({ sessionWebhook: "https://oapi.dingtalk.io/robot/sendBySession?s=1" }),
    );
    expect(overseas.kind === "text" && overseas.session?.webhook.url).toMatch(/dingtalk\.io/);
    const fake = "http://127.0.0.1:4000/robot/sendBySession?session=a";
    const local = readRobotMessage(oneToOne({ sessionWebhook: fake }), {
      trustedWebhookOrigins: ["http://127.0.0.1:4000"],
    });
    expect(local.kind === "text" && local.session?.webhook.url).toBe(fake);
  });
});

describe("readRobotMessage: malformed", () => {
  it.each([
    ["not JSON", "{not json", "the body is not JSON"],
    ["a JSON array", "[]", "(root): invalid_type"],
    ["no msgId", oneToOne({ msgId: undefined }), "msgId: invalid_type"],
    ["an empty msgId", oneToOne({ msgId: "" }), "msgId: too_small"],
    ["no msgtype", oneToOne({ msgtype: undefined }), "msgtype: invalid_type"],
    ["createAt as text", oneToOne({ createAt: "yesterday" }), "createAt: invalid_type"],
    ["createAt beyond dates", oneToOne({ createAt: 9e15 }), "createAt: too_big"],
    ["a text message without text", oneToOne({ text: undefined }), "text: missing in a text message"],
    ["text.content not a string", oneToOne({ text: { content: 5 } }), "text.content: invalid_type"],
    ["a numeric senderStaffId", oneToOne({ senderStaffId: 42 }), "senderStaffId: invalid_type"],
  ])("reports %s, naming the field but never its value", (_, body, problem) => {
    expect(readRobotMessage(body)).toEqual({ kind: "malformed", problem });
  });
});

describe("readRobotMessage: file", () => {
  const file = (content: unknown) => oneToOne({ msgtype: "file", text: undefined, content });

  it("hands a file on by its downloadCode and name, with the session webhook", () => {
    const reading = readRobotMessage(
      file({ downloadCode: "dlcode+abc/123==", fileName: "2021年任务分解.docx", spaceId: "1", fileId: "2" }),
    );
    expect(reading).toEqual({
      kind: "file",
      event: {
        kind: "file",
        eventId: "dingtalk:msg:msgY1234Pw==",
        channel: "dingtalk",
        from: "0420297",
        at: new Date(1695283635765).toISOString(),
        fileName: "2021年任务分解.docx",
        ref: "dlcode+abc/123==",
      },
      session: {
        userId: "0420297",
        webhook: {
          url: "https://oapi.dingtalk.com/robot/sendBySession?session=79b48abc",
          expiresAtMs: 1695289035996,
          conversationType: "1",
        },
      },
    });
  });

  it("calls a file without its downloadCode or name malformed, naming the field", () => {
    expect(readRobotMessage(file({ fileName: "a.docx" }))).toMatchObject({
      kind: "malformed",
      problem: expect.stringContaining("downloadCode"),
    });
    expect(readRobotMessage(file({ downloadCode: "x" }))).toMatchObject({
      kind: "malformed",
      problem: expect.stringContaining("fileName"),
    });
  });

  it("ignores a file from outside the organisation", () => {
    expect(
      readRobotMessage(
        oneToOne({
          msgtype: "file",
          senderStaffId: undefined,
          content: { downloadCode: "x", fileName: "a.txt" },
        }),
      ),
    ).toMatchObject({ kind: "ignored", reason: "outside-org" });
  });
});
