import { afterAll, describe, expect, it, onTestFinished } from "vitest";
import { robotMessageData, startFakeGateway } from "../fixtures/dingtalk/fake-gateway.js";
import { deleteKeys, randomKeyPrefix, redisAvailable, TEST_REDIS_URL } from "../helpers/redis.js";
import { runBuiltCli, SEED_NOTICE, startServiceProcess, waitFor } from "../helpers/service-process.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const available = await redisAvailable();
const prefix = randomKeyPrefix("dingtalk-two");
afterAll(() => deleteKeys(prefix));

const USERS = ["demo-admin1", "demo-admin2", "demo-u06-contact", "demo-u17-contact"];

// Issue 12 item 1: several instances each hold their own Stream connection; DingTalk pushes a
// message to one of them, and may deliver it again (a late ack) to another, with a new frame
// messageId but the same msgId. The store's inbox makes each message count once.
describe.skipIf(!available)("two duban serve instances on Redis, each with its own DingTalk stream", () => {
  it("answer each robot message once, whichever connection it came on and however often", async () => {
    const gateway = await startFakeGateway({ heartbeatMs: 2_000 });
    onTestFinished(() => gateway.close());
    gateway.route("POST", "/v1.0/oauth2/accessToken", () => ({
      body: { accessToken: "fake-access-token", expireIn: 7200 },
    }));
    gateway.route("POST", "/v1.0/robot/oToMessages/batchSend", () => ({ body: { processQueryKey: "pqk" } }));
    gateway.route("POST", "/robot/sendBySession", () => ({ body: { errcode: 0, errmsg: "ok" } }));
    const data = makeTempDir("duban-dingtalk-two");
    onTestFinished(data.remove);
    const env = {
      DUBAN_DATA_DIR: data.path,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DINGTALK_CLIENT_ID: gateway.clientId,
      DINGTALK_CLIENT_SECRET: gateway.clientSecret,
      DINGTALK_API_BASE_URL: gateway.baseUrl,
    };
    const imported = runBuiltCli(["import", SEED_NOTICE], env);
    expect(imported.code, imported.stderr).toBe(0);
    const first = await startServiceProcess(env);
    const second = await startServiceProcess(env);
    const [a, b] = [await gateway.waitForConnection(0, 15_000), await gateway.waitForConnection(1, 15_000)];

    // Each message on one connection, then again on the other (new messageId, same msgId), and a
    // third time on the first: every delivery acked, each message answered once.
    const sessions = new Map<string, string>();
    for (const [n, user] of USERS.entries()) {
      const message = robotMessageData(gateway.baseUrl, gateway.clientId, {
        senderStaffId: user,
        text: { content: "/whoami" },
      });
      sessions.set(new URL(String(message.sessionWebhook)).searchParams.get("session") ?? "", user);
      const [one, other] = n % 2 === 0 ? [a, b] : [b, a];
      const pushed = one.pushRobotMessage(message);
      expect((await pushed.waitForAck()).code).toBe(200);
      expect((await other.pushAgain(pushed, { newMessageId: true }).waitForAck()).code).toBe(200);
      expect((await one.pushAgain(pushed, { newMessageId: true }).waitForAck()).code).toBe(200);
    }
    // The answers to /whoami, by user (the admins also get the calendar warning of December).
    const answered = () => {
      const perUser = new Map<string, number>();
      const count = (user: string | undefined, text: string) => {
        if (user && USERS.includes(user) && text.includes("本渠道"))
          perUser.set(user, (perUser.get(user) ?? 0) + 1);
      };
      for (const request of gateway.requestsTo("POST", "/robot/sendBySession"))
        count(sessions.get(String(request.query.session)), request.text);
      for (const request of gateway.requestsTo("POST", "/v1.0/robot/oToMessages/batchSend"))
        for (const user of (request.body as { userIds: string[] }).userIds) count(user, request.text);
      return perUser;
    };
    await waitFor("an answer for every user", async () =>
      answered().size === USERS.length ? true : undefined,
    );
    // Time for a wrongly doubled answer to arrive.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(Object.fromEntries(answered())).toEqual(Object.fromEntries(USERS.map((user) => [user, 1])));
    const duplicates = [...first.logs(), ...second.logs()].filter(
      (r) => r.msg === "repeated DingTalk delivery acknowledged and ignored",
    );
    expect(duplicates).toHaveLength(USERS.length * 2);
    expect(gateway.protocolErrors).toEqual([]);
    expect((await first.stop()).code).toBe(0);
    expect((await second.stop()).code).toBe(0);
  }, 120_000);
});
