import nock from "nock";
import { describe, expect, it } from "vitest";
import { byteLength } from "../../../../src/channels/split-text.js";
import { createWecomRobot } from "../../../../src/channels/wecom/wecom-robot.js";
import { movingClock, QYAPI, recordingLogger } from "./wecom-api-kit.js";

const KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
type RobotBody = { msgtype: string; markdown: { content: string } };

function setup() {
  const clock = movingClock();
  const { logger, lines } = recordingLogger();
  const reports: Array<{ robot: string; hint: string }> = [];
  const robot = createWecomRobot({
    key: KEY,
    apiBaseUrl: QYAPI,
    clock,
    logger,
    sleep: clock.sleep,
    onKeyInvalid: (report) => reports.push(report),
  });
  const sentAt: number[] = [];
  const bodies: RobotBody[] = [];
  const webhook = (times: number, answer: Record<string, unknown> = { errcode: 0, errmsg: "ok" }) =>
    nock(QYAPI)
      .post("/cgi-bin/webhook/send", (body: RobotBody) => {
        sentAt.push(clock.now().getTime());
        bodies.push(body);
        return true;
      })
      .query({ key: KEY })
      .times(times)
      .reply(200, answer);
  return { clock, robot, lines, reports, sentAt, bodies, webhook };
}

describe("createWecomRobot", () => {
  it("splits markdown into messages of at most 4096 bytes, sent in order", async () => {
    const { robot, bodies, webhook } = setup();
    const rows = Array.from(
      { length: 100 },
      (_, i) => `> **${i + 1}** 区人社局 稳就业 <font color="warning">逾期</font>`,
    );
    expect(byteLength(rows.join("\n"))).toBeGreaterThan(4096);
    const scope = webhook(2);
    await expect(robot.sendMarkdown(rows.join("\n"))).resolves.toMatchObject({ status: "sent" });
    expect(bodies.map((b) => b.msgtype)).toEqual(["markdown", "markdown"]);
    for (const body of bodies) expect(byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
    expect(bodies.map((b) => b.markdown.content).join("\n")).toBe(rows.join("\n"));
    expect(scope.isDone()).toBe(true);
  });

  it("queues messages so that no minute carries more than 20", async () => {
    const { clock, robot, sentAt, webhook } = setup();
    const scope = webhook(45);
    const start = clock.now().getTime();
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => robot.sendMarkdown(`消息 ${i}`)));
    expect(results.every((r) => r.status === "sent")).toBe(true);
    for (const at of sentAt)
      expect(sentAt.filter((t) => t >= at && t < at + 60_000).length).toBeLessThanOrEqual(20);
    expect(sentAt.filter((t) => t === start)).toHaveLength(20);
    expect(sentAt.at(-1)).toBe(start + 120_000);
    expect(scope.isDone()).toBe(true);
  });

  it("treats 93000 as permanent: reports it once to the admins' hook and stops sending", async () => {
    const { robot, reports, lines, webhook } = setup();
    const scope = webhook(1, { errcode: 93000, errmsg: `invalid webhook url, key ${KEY}` });
    const first = await robot.sendMarkdown("周报");
    expect(first).toMatchObject({
      status: "permanent-error",
      reason: expect.stringContaining("WECOM_ROBOT_KEYS"),
    });
    expect(await robot.sendMarkdown("周报")).toMatchObject({ status: "permanent-error" });
    expect(reports).toEqual([{ robot: robot.label, hint: expect.stringContaining("93000") }]);
    expect(scope.isDone()).toBe(true);
    expect(JSON.stringify({ first, reports, lines })).not.toContain(KEY);
  });

  it("waits a minute and retries after 45009", async () => {
    const { clock, robot, sentAt, webhook } = setup();
    const scope = webhook(1, { errcode: 45009, errmsg: "api freq out of limit" });
    webhook(1);
    const start = clock.now().getTime();
    await expect(robot.sendMarkdown("提醒")).resolves.toMatchObject({ status: "sent" });
    expect(sentAt).toEqual([start, start + 60_000]);
    expect(scope.isDone()).toBe(true);
  });

  it("gives up after three 45009 answers and reports rate-limited", async () => {
    const { robot, webhook } = setup();
    const scope = webhook(3, { errcode: 45009, errmsg: "api freq out of limit" });
    await expect(robot.sendMarkdown("提醒")).resolves.toMatchObject({ status: "rate-limited" });
    expect(scope.isDone()).toBe(true);
  });

  it("says the outcome is unknown, not a failure to retry, when a long message failed after a part was posted", async () => {
    const { robot, bodies, webhook } = setup();
    const rows = Array.from({ length: 200 }, (_, i) => `> **${i + 1}** 区人社局 稳就业`);
    webhook(1);
    const scope = nock(QYAPI).post("/cgi-bin/webhook/send").query({ key: KEY }).reply(502);
    const result = await robot.sendMarkdown(rows.join("\n"));
    // Sending it again would post the first part twice: the webhook has no duplicate check.
    expect(result).toEqual({
      status: "outcome-unknown",
      reason: expect.stringContaining("已发出1段后出错（HTTP 502）"),
    });
    expect(bodies).toHaveLength(1);
    expect(scope.isDone()).toBe(true);
  });
});
