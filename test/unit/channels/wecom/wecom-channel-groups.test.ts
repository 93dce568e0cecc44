import nock from "nock";
import { describe, expect, it } from "vitest";
import { createWecomApi } from "../../../../src/channels/wecom/wecom-api.js";
import { createWecomChannel } from "../../../../src/channels/wecom/wecom-channel.js";
import { createWecomRobot } from "../../../../src/channels/wecom/wecom-robot.js";
import { parseDirectory } from "../../../../src/directory/load-directory.js";
import { indexPeople } from "../../../../src/directory/people.js";
import type { Recipient } from "../../../../src/directory/recipient.js";
import { APP, movingClock, QYAPI, recordingLogger } from "./wecom-api-kit.js";

const KEY = "leaders-robot-key-0001";
type RobotBody = { msgtype: string; markdown: { content: string } };

/** A directory with a leaders' group reached through the group robot named 领导群 (WECOM_ROBOT_KEYS=领导群=<key>). */
const directory = parseDirectory(
  `chats:\n  - { name: 领导群, accounts: { wecom: "robot:领导群" } }\n  - { name: 无此群, accounts: { wecom: "robot:none" } }\n`,
  "directory.yaml",
);

function setup() {
  const clock = movingClock();
  const { logger } = recordingLogger();
  const robot = createWecomRobot({
    name: "领导群",
    key: KEY,
    apiBaseUrl: QYAPI,
    clock,
    logger,
    sleep: clock.sleep,
  });
  // No message/send and no gettoken are expected: nock refuses any request not set up below.
  const api = createWecomApi({ config: APP, clock });
  const channel = createWecomChannel({ api, robots: [robot], clock, logger });
  const bodies: RobotBody[] = [];
  const webhook = nock(QYAPI)
    .post("/cgi-bin/webhook/send", (body: RobotBody) => {
      bodies.push(body);
      return true;
    })
    .query({ key: KEY })
    .reply(200, { errcode: 0, errmsg: "ok" });
  return { channel, bodies, webhook };
}

describe("WeCom group recipients", () => {
  const people = indexPeople(directory, ["wecom"]);
  const leaders = people.chat("领导群") as Recipient;

  it("reads a directory chat as a group recipient, by name and by id", () => {
    expect(leaders).toEqual({
      personId: "chat:领导群",
      name: "领导群",
      accounts: { wecom: "robot:领导群" },
      group: true,
    });
    expect(people.chat("chat:领导群")).toBe(leaders);
  });

  it("posts to the named group robot, a card as markdown without its buttons", async () => {
    const { channel, bodies, webhook } = setup();
    const results = await channel.send({
      idempotencyKey: "digest/2021-W14/领导群",
      recipients: [leaders],
      cardId: "digest-1",
      message: {
        kind: "card",
        card: {
          title: "本周督办情况",
          description: "红灯2项，黄灯3项",
          fields: [{ label: "逾期", value: "第52项 区财政局" }],
          buttons: [{ key: "ack", text: "签收", style: "primary" }],
        },
      },
    });
    expect(results.get("chat:领导群")).toMatchObject({ status: "sent" });
    expect(webhook.isDone()).toBe(true);
    expect(bodies).toEqual([
      {
        msgtype: "markdown",
        markdown: { content: "**本周督办情况**\n红灯2项，黄灯3项\n> 逾期：第52项 区财政局" },
      },
    ]);
  });

  it("refuses a group whose robot is not configured, naming the fix", async () => {
    const { channel } = setup();
    nock.cleanAll();
    const results = await channel.send({
      idempotencyKey: "k",
      recipients: [people.chat("无此群") as Recipient],
      message: { kind: "text", text: "周报" },
    });
    expect(results.get("chat:无此群")).toMatchObject({
      status: "invalid-recipient",
      reason: expect.stringContaining("WECOM_ROBOT_KEYS"),
    });
  });
});
