import nock from "nock";
import { describe, expect, it } from "vitest";
import { createWecomApi } from "../../../../src/channels/wecom/wecom-api.js";
import { WecomApiError, WecomTransportError } from "../../../../src/channels/wecom/wecom-api-error.js";
import { wecomHint } from "../../../../src/channels/wecom/wecom-error-hints.js";
import { toSendFailure } from "../../../../src/channels/wecom/wecom-send-failure.js";
import { APP, movingClock, QYAPI, replyToken } from "./wecom-api-kit.js";

// errcode → what the channel reports for every recipient of the failed request (brief §4.3).
const KNOWN: ReadonlyArray<[number, string, string]> = [
  [-1, "transient-error", "繁忙"],
  [40001, "permanent-error", "WECOM_SECRET"],
  [40013, "permanent-error", "WECOM_CORP_ID"],
  [40003, "invalid-recipient", "UserID"],
  [40031, "invalid-recipient", "UserID"],
  [40035, "permanent-error", "参数"],
  [40058, "permanent-error", "参数"],
  [40056, "permanent-error", "WECOM_AGENT_ID"],
  [301002, "permanent-error", "WECOM_AGENT_ID"],
  [42014, "permanent-error", "task_id"],
  [42015, "permanent-error", "WECOM_AGENT_ID"],
  [43012, "permanent-error", "接收消息"],
  [44004, "permanent-error", "为空"],
  [45002, "permanent-error", "长度"],
  [45009, "rate-limited", "频率"],
  [45033, "rate-limited", "同时"],
  [48002, "permanent-error", "权限"],
  [60011, "invalid-recipient", "可见范围"],
  [60020, "permanent-error", "企业可信IP"],
  [81013, "invalid-recipient", "可见范围"],
  [82001, "permanent-error", "收件人"],
];

describe("WeCom errcodes", () => {
  it.each(KNOWN)(
    "errcode %i from message/send becomes %s with an operator hint",
    async (errcode, status, words) => {
      const scope = replyToken(nock(QYAPI), "accesstoken000001")
        .post("/cgi-bin/message/send")
        .query(true)
        .reply(200, { errcode, errmsg: "from WeCom" });
      const api = createWecomApi({ config: APP, clock: movingClock() });
      const error = await api.post("message/send", {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WecomApiError);
      const hint = (error as WecomApiError).hint ?? "";
      expect(hint).toContain(words);
      expect(hint).toContain(String(errcode));
      const failure = toSendFailure(error, 60_000);
      expect(failure.status).toBe(status);
      expect(failure.reason).toBe(hint);
      expect(scope.isDone()).toBe(true);
    },
  );

  it("names the refused address in the 60020 hint", () => {
    const errmsg =
      "not allow to access from your ip, hint: [1700000000_1], from ip: 198.51.100.23, more info at …";
    expect(wecomHint(60020, errmsg)).toContain("198.51.100.23");
  });

  it("treats 93000 (robot key) as a known, permanent error", () => {
    const error = new WecomApiError("webhook/send", 93000, "invalid webhook url");
    expect(error.hint).toContain("WECOM_ROBOT_KEYS");
    expect(toSendFailure(error, 60_000).status).toBe("permanent-error");
  });

  it("keeps WeCom's own text for an unknown errcode", () => {
    const failure = toSendFailure(new WecomApiError("message/send", 12345, "something new"), 60_000);
    expect(failure).toMatchObject({ status: "permanent-error" });
    expect(failure.reason).toContain("12345");
    expect(failure.reason).toContain("something new");
  });

  it.each([
    ["errcode 40001", new WecomApiError("gettoken", 40001, "invalid credential")],
    ["HTTP 404", new WecomTransportError("gettoken", "x", 404)],
    ["errcode -1", new WecomApiError("gettoken", -1, "system busy")],
  ])("treats a gettoken failure (%s) as transient: the message itself is not at fault", (_, error) => {
    const failure = toSendFailure(error, 60_000);
    expect(failure.status).toBe("transient-error");
    if (error instanceof WecomApiError) expect(failure.reason).toBe(error.hint);
  });

  it.each([
    [undefined, "transient-error"],
    [503, "transient-error"],
    [429, "rate-limited"],
    [404, "permanent-error"],
  ])("maps a transport failure with HTTP status %s to %s", (httpStatus, status) => {
    expect(toSendFailure(new WecomTransportError("message/send", "x", httpStatus), 60_000).status).toBe(
      status,
    );
  });
});
