import { describe, expect, it } from "vitest";
import type { LocalSentMessage } from "../../../src/channels/local/local-channel.js";
import { countReports } from "../../../src/simulate/count-reports.js";

let n = 0;
function sent(idempotencyKey: string, text: string): LocalSentMessage {
  n++;
  return {
    n,
    to: "wecom:x",
    name: "x",
    message: { kind: "text", text },
    idempotencyKey,
    platformMessageId: `local-${n}`,
    at: "2021-04-06T01:10:00.000Z",
  };
}

describe("countReports", () => {
  it("counts digests per leader, week and recipient over their parts, and bulletin summaries, in UTF-8 bytes", () => {
    const totals = countReports([
      sent("digest/2021-W14/寇宁/wecom:k/1", "周报一"), // 9 bytes
      sent("digest/2021-W14/寇宁/wecom:k/2", "续"), // 3
      sent("digest/2021-W14/寇宁/chat:领导群/1", "周报一"), // 9
      sent("digest/2021-W15/寇宁/wecom:k/1", "ab"), // 2
      sent("bulletin/2021-Q1/wecom:admin", "通报摘要"), // 12
      sent("52/区人社局/2021-03/first/wecom:c", "提醒"),
      sent("overdue/2021-04-06/wecom:c", "逾期"),
    ]);
    expect(totals).toEqual({
      digests: 3,
      digestMessages: 4,
      digestBytes: 23,
      largestDigestBytes: 12,
      largestDigestPartBytes: 9,
      bulletins: 1,
      bulletinBytes: 12,
      largestBulletinBytes: 12,
    });
  });

  it("is all zeros when none was sent", () => {
    expect(countReports([sent("answer/local/e1/1", "好")])).toMatchObject({
      digests: 0,
      bulletins: 0,
      largestDigestBytes: 0,
    });
  });
});
