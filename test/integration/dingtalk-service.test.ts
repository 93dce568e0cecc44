import { describe, expect, it, onTestFailed, onTestFinished } from "vitest";
import { robotSign } from "../../src/channels/dingtalk/dingtalk-robot-sign.js";
import {
  cardCallbackData,
  type FakeGateway,
  type RecordedRequest,
  robotMessageData,
  startFakeGateway,
} from "../fixtures/dingtalk/fake-gateway.js";
import { seededDataDir, startServiceProcess, waitFor } from "../helpers/service-process.js";

const ADMIN = "demo-admin1"; // 袁振华, an admin of the demo directory, as DingTalk knows him
const RENSHE = "demo-u06-contact"; // 徐勇, contact of 区人力资源和社会保障局, host of task 52
const TEMPLATE = "duban-test-template.schema";

/** The fake's OpenAPI: a token, robot messages, cards, and replies by session webhook, all recorded. */
async function fakeDingtalk(): Promise<FakeGateway> {
  const gateway = await startFakeGateway({ heartbeatMs: 2_000, disconnectGraceMs: 1_000 });
  onTestFinished(() => gateway.close());
  gateway.route("POST", "/v1.0/oauth2/accessToken", () => ({
    body: { accessToken: "fake-access-token", expireIn: 7200 },
  }));
  gateway.route("POST", "/v1.0/robot/oToMessages/batchSend", () => ({ body: { processQueryKey: "pqk" } }));
  gateway.route("POST", "/v1.0/card/instances/createAndDeliver", (request) => ({
    body: {
      success: true,
      result: { outTrackId: (request.body as { outTrackId: string }).outTrackId, deliverResults: [] },
    },
  }));
  gateway.route("PUT", "/v1.0/card/instances", () => ({ body: { success: true, result: true } }));
  gateway.route("POST", "/robot/sendBySession", () => ({ body: { errcode: 0, errmsg: "ok" } }));
  onTestFailed(() => {
    const lines = gateway.requests.map((r) => `${r.method} ${r.path} ${r.text.slice(0, 300)}`);
    process.stderr.write(`--- the fake gateway's requests:\n${lines.join("\n")}\n---\n`);
  });
  return gateway;
}

/** What reached `userId`: 1:1 robot messages and replies through a session webhook, as text. */
function textsTo(gateway: FakeGateway, userId: string, sessionPaths: Set<string>): string[] {
  const robot = gateway
    .requestsTo("POST", "/v1.0/robot/oToMessages/batchSend")
    .filter((r) => (r.body as { userIds: string[] }).userIds.includes(userId))
    .map((r) => paramText(r));
  const replies = gateway
    .requestsTo("POST", "/robot/sendBySession")
    .filter((r) => sessionPaths.has(String(r.query.session)))
    .map((r) => {
      const body = r.body as { text?: { content: string }; markdown?: { text: string } };
      return body.text?.content ?? body.markdown?.text ?? "";
    });
  return [...robot, ...replies];
}

function paramText(request: RecordedRequest): string {
  const param = JSON.parse((request.body as { msgParam: string }).msgParam) as {
    content?: string;
    text?: string;
  };
  return param.content ?? param.text ?? "";
}

// Issue 12, "Done when": the built service, DingTalk in Stream mode against a local fake gateway,
// driven only over the wire: what DingTalk sends, and what the service sends DingTalk.
describe("duban serve on DingTalk (Stream) against a local fake gateway", () => {
  it("connects, acks, answers /help, survives a disconnect and an abrupt close, and closes a clicked reminder card", async () => {
    const gateway = await fakeDingtalk();
    const dataDir = seededDataDir("duban-dingtalk");
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: dataDir,
      DINGTALK_CLIENT_ID: gateway.clientId,
      DINGTALK_CLIENT_SECRET: gateway.clientSecret,
      DINGTALK_API_BASE_URL: gateway.baseUrl,
      DINGTALK_CARD_TEMPLATE_ID: TEMPLATE,
      // The fake reaches nobody, so the demo clock may run: 08:20 on Monday 22 March 2021, 10 min a second.
      DUBAN_CLOCK: "2021-03-22T08:20+08:00",
      DUBAN_CLOCK_SPEED: "600",
    });
    const sessions = new Set<string>();
    /** A 1:1 message from `userId` on the connection `index`: acked, then answered. */
    const say = async (index: number, userId: string, text: string) => {
      const connection = await gateway.waitForConnection(index, 15_000);
      const data = robotMessageData(gateway.baseUrl, gateway.clientId, {
        senderStaffId: userId,
        text: { content: text },
      });
      sessions.add(new URL(String(data.sessionWebhook)).searchParams.get("session") ?? "");
      const ack = await connection.pushRobotMessage(data).waitForAck();
      expect(ack.code).toBe(200);
      expect(typeof ack.data).toBe("string");
    };

    // Connected, and /healthz says so.
    await gateway.waitForConnection(0, 15_000);
    const health = await waitFor("the stream connected in /healthz", async () => {
      const { body } = await service.get<{
        channels: Record<string, { receiving?: { state: { status: string } } }>;
      }>("/healthz");
      return body.channels.dingtalk?.receiving?.state.status === "connected" ? body : undefined;
    });
    expect(Object.keys(health.channels)).toEqual(["dingtalk"]);
    const metrics = async () => String((await service.get("/metrics")).body);
    expect(await metrics()).toMatch(/^duban_channel_receiving_connected\{channel="dingtalk"\} 1$/m);

    // /help from an admin, answered through the message's session webhook.
    await say(0, ADMIN, "/help");
    const help = await waitFor("the answer to /help", async () =>
      textsTo(gateway, ADMIN, sessions).find((t) => t.startsWith("您可用的命令")),
    );
    expect(help).toContain("/whoami");

    // DingTalk rotates the connection: a new one opens before the old one closes, no gap.
    gateway.connections[0]?.disconnect({ closeAfterMs: 1_000 });
    await say(1, ADMIN, "/whoami");
    await waitFor("the answer to /whoami after the rotation", async () =>
      textsTo(gateway, ADMIN, sessions).find((t) => t.includes("袁振华")),
    );
    // An abrupt close: the service reconnects (a fresh ticket) and goes on.
    gateway.connections[1]?.closeAbruptly();
    await say(2, ADMIN, "我是谁");
    await waitFor("the answer after the abrupt close", async () =>
      textsTo(gateway, ADMIN, sessions).filter((t) => t.includes("袁振华")).length >= 2 ? true : undefined,
    );
    expect(gateway.stats().ticketsRefused).toBe(0);
    expect(await metrics()).toMatch(/^duban_channel_receiving_reconnects\{channel="dingtalk"\} 2$/m);
    expect(gateway.protocolErrors).toEqual([]);

    // The first reminder of task 52 reaches 徐勇 as an interactive card; he clicks 签收 on it.
    const created = await waitFor(
      "task 52's first reminder card",
      async () =>
        gateway
          .requestsTo("POST", "/v1.0/card/instances/createAndDeliver")
          .map(
            (r) =>
              r.body as {
                outTrackId: string;
                openSpaceId: string;
                cardTemplateId: string;
                cardData: { cardParamMap: Record<string, string> };
              },
          )
          .find(
            (b) => b.openSpaceId.endsWith(`.${RENSHE}`) && b.cardData.cardParamMap.title?.includes("第52项"),
          ),
      { timeoutMs: 60_000, everyMs: 250 },
    );
    expect(created.cardTemplateId).toBe(TEMPLATE);
    const buttons = Object.entries(created.cardData.cardParamMap).filter(([key]) => /^btn\dKey$/.test(key));
    expect(buttons.map(([, key]) => key)).toContain("ack");
    const connection = await gateway.waitForConnection(2);
    const click = connection.pushCardCallback(
      cardCallbackData({ action: "ack" }, { outTrackId: created.outTrackId, userId: RENSHE }),
    );
    expect((await click.waitForAck()).code).toBe(200);
    const closed = await waitFor("the clicked card closed", async () =>
      gateway
        .requestsTo("PUT", "/v1.0/card/instances")
        .map((r) => r.body as { outTrackId: string; cardData: { cardParamMap: Record<string, string> } })
        .find((b) => b.outTrackId === created.outTrackId),
    );
    expect(closed.cardData.cardParamMap).toMatchObject({ status: "closed", closedLabel: "已签收" });
    await waitFor("the answer to 签收", async () =>
      textsTo(gateway, RENSHE, sessions).find((t) => t.includes("签收") && t.includes("52")),
    );
    // The same click delivered again (a late ack) changes nothing: one close, one answer.
    connection.pushAgain(click, { newMessageId: true });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      gateway
        .requestsTo("PUT", "/v1.0/card/instances")
        .filter((r) => (r.body as { outTrackId: string }).outTrackId === created.outTrackId),
    ).toHaveLength(1);

    const stopped = await service.stop();
    expect(stopped.code).toBe(0);
  }, 150_000);

  it("in HTTP mode, answers a signed robot callback, refuses a forged one, and opens no stream", async () => {
    const gateway = await fakeDingtalk();
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: seededDataDir("duban-dingtalk-http"),
      DINGTALK_CLIENT_ID: gateway.clientId,
      DINGTALK_CLIENT_SECRET: gateway.clientSecret,
      DINGTALK_API_BASE_URL: gateway.baseUrl,
      DINGTALK_MODE: "http",
    });
    const data = robotMessageData(gateway.baseUrl, gateway.clientId, {
      senderStaffId: ADMIN,
      text: { content: "/whoami" },
    });
    const session = new URL(String(data.sessionWebhook)).searchParams.get("session") ?? "";
    const post = (headers: Record<string, string>) =>
      fetch(`${service.base}/dingtalk/robot`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(data),
      });
    const timestamp = String(Date.now());
    const forged = await post({ timestamp, sign: robotSign(timestamp, "not-the-secret") });
    expect(forged.status).toBe(401);
    const signed = await post({ timestamp, sign: robotSign(timestamp, gateway.clientSecret) });
    expect(signed.status).toBe(200);
    expect(await signed.text()).toBe("");
    const answer = await waitFor("the answer to /whoami", async () =>
      textsTo(gateway, ADMIN, new Set([session])).find((t) => t.includes("袁振华")),
    );
    expect(answer).toContain(ADMIN);
    // The same callback again (a replay inside the window): acknowledged, not answered twice.
    expect((await post({ timestamp, sign: robotSign(timestamp, gateway.clientSecret) })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(textsTo(gateway, ADMIN, new Set([session])).filter((t) => t.includes("袁振华"))).toHaveLength(1);
    expect(gateway.stats().openRequests).toBe(0);
    expect((await service.stop()).code).toBe(0);
  }, 90_000);
});
