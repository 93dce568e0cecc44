import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { waitFor } from "../../../../fixtures/dingtalk/fake-gateway.js";
import { deferred, gatewayForTest, streamForTest } from "./stream-test-kit.js";

describe("DingTalk Stream: tickets", () => {
  it("fetches a fresh ticket for every connect, with the documented request", async () => {
    const gateway = await gatewayForTest();
    const { stream } = streamForTest(gateway, { ua: "duban-test/1.0" });
    const first = await gateway.waitForConnection(0);
    first.closeAbruptly();
    await gateway.waitForConnection(1);
    await waitFor(() => stream.state().status === "connected", "the client side of the second connection");

    expect(gateway.stats()).toMatchObject({
      openRequests: 2,
      ticketsIssued: 2,
      connects: 2,
      ticketsRefused: 0,
    });
    const opens = gateway.requestsTo("POST", "/v1.0/gateway/connections/open");
    for (const open of opens) {
      expect(open.headers["content-type"]).toBe("application/json");
      expect(open.headers.accept).toBe("application/json");
      expect(open.body).toMatchObject({
        clientId: gateway.clientId,
        clientSecret: gateway.clientSecret,
        ua: "duban-test/1.0",
        subscriptions: [
          { type: "EVENT", topic: "*" },
          { type: "CALLBACK", topic: "/v1.0/im/bot/messages/get" },
          { type: "CALLBACK", topic: "/v1.0/card/instances/callback" },
        ],
      });
      expect((open.body as { localIp: string }).localIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    }
    expect(stream.state()).toMatchObject({ status: "connected", reconnects: 1 });
  });

  it("the fake gateway refuses a ticket used twice, so a client that reconnects must fetch a new one", async () => {
    const gateway = await gatewayForTest();
    const answer = await fetch(`${gateway.baseUrl}/v1.0/gateway/connections/open`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({
        clientId: gateway.clientId,
        clientSecret: gateway.clientSecret,
        subscriptions: [{ type: "CALLBACK", topic: "/v1.0/im/bot/messages/get" }],
      }),
    });
    const { endpoint, ticket } = (await answer.json()) as { endpoint: string; ticket: string };
    const connect = () =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`${endpoint}?ticket=${ticket}`);
        ws.on("open", () => {
          ws.close();
          resolve("open");
        });
        ws.on("error", (error) => resolve(error.message));
      });
    expect(await connect()).toBe("open");
    expect(await connect()).toBe("Unexpected server response: 401");
    expect(gateway.stats().ticketsRefused).toBe(1);
  });
});

describe("DingTalk Stream: acks", () => {
  it("acks robot messages, card clicks and events at once, with the same messageId and data a JSON string", async () => {
    const gateway = await gatewayForTest();
    const processing = deferred();
    const { frames } = streamForTest(gateway, {
      onFrame: async (frame) => {
        frames.push(frame);
        // What the lead's handler does: store, start the slow part without awaiting it, answer.
        void processing.promise;
        return { status: "ok" };
      },
    });
    const connection = await gateway.waitForConnection(0);

    const robot = connection.pushRobotMessage({ text: { content: " /help" } });
    const card = connection.pushCardCallback({ params: { action: "done" } });
    const event = connection.pushEvent("user_add_org", { userId: ["staff0002"] });
    const acks = await Promise.all([robot.waitForAck(), card.waitForAck(), event.waitForAck()]);

    expect(processing.settled()).toBe(false);
    for (const [ack, pushed] of [
      [acks[0], robot],
      [acks[1], card],
      [acks[2], event],
    ] as const) {
      expect(ack).toMatchObject({
        connectionId: connection.id,
        messageId: pushed.messageId,
        code: 200,
        message: "OK",
        headers: { contentType: "application/json", messageId: pushed.messageId },
      });
      expect(typeof ack.data).toBe("string");
    }
    expect(acks[0]?.parsedData).toEqual({ response: null });
    expect(acks[1]?.parsedData).toEqual({ response: null });
    expect(acks[2]?.parsedData).toEqual({ status: "SUCCESS", message: "OK" });
    expect(gateway.protocolErrors).toEqual([]);

    expect(frames.map((f) => [f.type, f.topic, f.messageId, f.data])).toEqual([
      ["CALLBACK", "/v1.0/im/bot/messages/get", robot.messageId, robot.frame.data],
      ["CALLBACK", "/v1.0/card/instances/callback", card.messageId, card.frame.data],
      ["EVENT", "*", event.messageId, event.frame.data],
    ]);
    expect(frames[2]?.headers).toMatchObject({ eventType: "user_add_org", time: event.frame.headers.time });
    processing.resolve();
  });

  it("sends the handler's own ack data, JSON-stringified (a card update answering a click)", async () => {
    const gateway = await gatewayForTest();
    const update = { cardData: { cardParamMap: { status: "已完成" } } };
    streamForTest(gateway, { onFrame: async () => ({ status: "ok", data: { response: update } }) });
    const connection = await gateway.waitForConnection(0);
    const ack = await connection.pushCardCallback().waitForAck();
    expect(ack.data).toBe(JSON.stringify({ response: update }));
  });

  it("acks every copy of a duplicate: a resend with the same messageId and a redelivery with a new one", async () => {
    const gateway = await gatewayForTest();
    const { frames } = streamForTest(gateway);
    const connection = await gateway.waitForConnection(0);
    const first = connection.pushRobotMessage();
    const resend = connection.pushAgain(first);
    const redelivery = connection.pushAgain(first, { newMessageId: true });
    await redelivery.waitForAck();
    await waitFor(() => gateway.acksFor(first.messageId).length === 2, "both acks of the resent frame");

    expect(redelivery.messageId).not.toBe(first.messageId);
    expect(resend.messageId).toBe(first.messageId);
    expect(frames).toHaveLength(3);
    expect(new Set(frames.map((f) => JSON.parse(f.data).msgId)).size).toBe(1);
  });

  it("leaves a frame unacked when the handler answers retry-later, throws or rejects", async () => {
    const gateway = await gatewayForTest();
    const answered: string[] = [];
    const { logged } = streamForTest(gateway, {
      onFrame: (frame) => {
        const content = JSON.parse(frame.data).text.content as string;
        answered.push(content);
        if (content === "throw") throw new Error("inbox unavailable");
        if (content === "reject") return Promise.reject(new Error("inbox unavailable"));
        return Promise.resolve(content === "later" ? { status: "retry-later" } : { status: "ok" });
      },
    });
    const connection = await gateway.waitForConnection(0);
    const refused = ["later", "throw", "reject"].map((content) =>
      connection.pushRobotMessage({ text: { content } }),
    );
    await waitFor(() => answered.length === 3, "the three handlers");
    // An ack of the first three would have been written before this frame was even pushed.
    await connection.pushRobotMessage({ text: { content: "ok" } }).waitForAck();

    for (const frame of refused) expect(gateway.acksFor(frame.messageId)).toEqual([]);
    expect(logged("warn", "DingTalk Stream frame not stored")).toHaveLength(2);
    expect(logged("info", "DingTalk Stream frame left unacked")).toHaveLength(1);
  });

  it("logs and ignores malformed frames, and keeps the connection", async () => {
    const gateway = await gatewayForTest();
    const { frames, logged } = streamForTest(gateway);
    const connection = await gateway.waitForConnection(0);
    const headers = { topic: "/v1.0/im/bot/messages/get", messageId: "m-1", contentType: "application/json" };
    connection.sendRaw("not json {");
    connection.sendRaw("[1,2]");
    connection.sendRaw(JSON.stringify({ type: "CALLBACK", data: "{}" }));
    connection.sendRaw(JSON.stringify({ type: "CALLBACK", headers: { topic: headers.topic }, data: "{}" }));
    connection.sendRaw(JSON.stringify({ type: "CALLBACK", headers, data: { not: "a string" } }));
    connection.sendRaw(JSON.stringify({ type: "PUSH", headers, data: "{}" }));
    await connection.pushRobotMessage().waitForAck();

    expect(frames).toHaveLength(1);
    expect(gateway.acksFor("m-1")).toEqual([]);
    expect(logged("warn", "DingTalk Stream frame ignored: malformed").map((r) => r.reason)).toEqual([
      "not JSON",
      "not a JSON object",
      "no headers object",
      "no messageId header",
      "data is not a string",
      'unknown type "PUSH"',
    ]);
    expect(gateway.stats().connects).toBe(1);
  });
});

describe("DingTalk Stream: system frames", () => {
  it("echoes a ping with its headers and data, without handing it to the handler", async () => {
    const gateway = await gatewayForTest();
    const { frames, stream } = streamForTest(gateway);
    const connection = await gateway.waitForConnection(0);
    const ping = connection.push({ type: "SYSTEM", topic: "ping", data: { opaque: "opaque-123" } });
    const echo = await ping.waitForAck();
    expect(echo).toMatchObject({
      code: 200,
      message: "OK",
      headers: ping.frame.headers,
      data: ping.frame.data,
    });
    expect(frames).toEqual([]);
    expect(stream.state().lastFrameAt).toBeDefined();
  });

  it("on disconnect: acks it, opens the next connection before the old one closes, and loses no frame", async () => {
    const gateway = await gatewayForTest({ disconnectGraceMs: 8_000 });
    const newOneOpen = deferred();
    const { frames, stream } = streamForTest(gateway, {
      onFrame: async (frame) => {
        frames.push(frame);
        // This one is still being stored when the new connection opens: its ack must go out anyway.
        if (JSON.parse(frame.data).text.content === "slow") await newOneOpen.promise;
        return { status: "ok" };
      },
    });
    const old = await gateway.waitForConnection(0);
    const disconnect = old.disconnect();
    const justAfter = old.pushRobotMessage({ text: { content: "right after the disconnect" } });
    const slow = old.pushRobotMessage({ text: { content: "slow" } });

    const next = await gateway.waitForConnection(1);
    newOneOpen.resolve();
    await old.closed;

    expect(gateway.acksFor(disconnect.messageId)).toHaveLength(1);
    expect((await justAfter.waitForAck()).connectionId).toBe(old.id);
    expect((await slow.waitForAck()).connectionId).toBe(old.id);
    expect(next.openedAt).toBeLessThan(old.closedAt() as number);
    expect(old.closedBy()).toBe("client");
    expect(next.isOpen()).toBe(true);
    expect((await next.pushRobotMessage().waitForAck()).connectionId).toBe(next.id);
    expect(frames).toHaveLength(3);
    expect(stream.state()).toMatchObject({ status: "connected", reconnects: 1 });
    expect(gateway.stats()).toMatchObject({ ticketsIssued: 2, ticketsRefused: 0 });
    expect(gateway.protocolErrors).toEqual([]);
  });

  it("rotates on a disconnect that carries no messageId too", async () => {
    const gateway = await gatewayForTest({ disconnectGraceMs: 8_000 });
    streamForTest(gateway);
    const old = await gateway.waitForConnection(0);
    old.disconnect({ withMessageId: false });
    await gateway.waitForConnection(1);
    await old.closed;
    expect(old.closedBy()).toBe("client");
    expect(gateway.protocolErrors).toEqual([]);
  });

  it("keeps one connection attempt at a time through repeated disconnects and a drop", async () => {
    const gateway = await gatewayForTest({ openDelayMs: 50, disconnectGraceMs: 8_000 });
    const { stream } = streamForTest(gateway);
    const old = await gateway.waitForConnection(0);
    old.disconnect();
    old.disconnect();
    old.disconnect({ withMessageId: false });
    old.closeAbruptly();
    const next = await gateway.waitForConnection(1);
    await waitFor(() => stream.state().status === "connected", "the stream connected again");

    expect(gateway.stats().maxOpenInFlight).toBe(1);
    expect(gateway.connections.filter((c) => c.isOpen())).toEqual([next]);
    expect(gateway.stats().connects).toBe(2);
  });
});

describe("DingTalk Stream: failures", () => {
  it("reconnects after an abrupt close", async () => {
    const gateway = await gatewayForTest();
    const { stream, logged } = streamForTest(gateway);
    const first = await gateway.waitForConnection(0);
    first.closeAbruptly();
    const second = await gateway.waitForConnection(1);
    expect((await second.pushRobotMessage().waitForAck()).connectionId).toBe(second.id);
    expect(stream.state()).toMatchObject({ status: "connected", reconnects: 1 });
    expect(stream.state().lastError).toMatch(/^connection closed \(code 1006/);
    expect(logged("warn", "DingTalk Stream connection lost")).toHaveLength(1);
  });

  it("drops a connection that goes silent (a zombie) and connects again; pings keep a quiet one alive", async () => {
    const gateway = await gatewayForTest({ heartbeatMs: 50 });
    const { stream } = streamForTest(gateway, { watchdogMs: 1_000 });
    const zombie = await gateway.waitForConnection(0);
    // Longer than the watchdog, with nothing but pings: still the same connection.
    await waitFor(() => zombie.acks.length >= 30, "thirty pings echoed");
    expect(zombie.isOpen()).toBe(true);

    zombie.goSilent();
    const next = await gateway.waitForConnection(1);
    await zombie.closed;
    expect(zombie.closedBy()).toBe("client");
    expect(next.isOpen()).toBe(true);
    expect(stream.state().lastError).toBe("no frame for 1000 ms (watchdog)");
  });

  it("backs off on 503s with growing, jittered delays and one connect at a time, then connects", async () => {
    const gateway = await gatewayForTest({ openDelayMs: 20 });
    gateway.failOpen(5);
    const jitter = [0.9, 0.5, 0.99, 0.25, 0.75];
    let draws = 0;
    const { stream, logged } = streamForTest(gateway, {
      backoffBaseMs: 20,
      backoffCapMs: 1_000,
      random: () => jitter[draws++ % jitter.length] as number,
    });
    await waitFor(() => stream.state().status === "backing-off", "the first back-off");
    const backingOff = stream.state();
    expect(backingOff.lastError).toBe("connections/open failed (HTTP 503 ServiceUnavailable)");
    expect(Date.parse(backingOff.nextAttemptAt as string)).toBeGreaterThan(Date.now() - 1_000);

    await gateway.waitForConnection(0);
    const delays = logged("warn", "DingTalk Stream connect failed").map((record) => record.retryInMs);
    // Ceilings 20, 40, 80, 160, 320 ms, each scaled by its draw.
    expect(delays).toEqual([18, 20, 79, 40, 240]);
    expect(gateway.stats()).toMatchObject({ openRequests: 6, maxOpenInFlight: 1, connects: 1 });
    await waitFor(() => stream.state().status === "connected", "the client side of the connection");
  });

  it("caps the back-off", async () => {
    const gateway = await gatewayForTest();
    gateway.failOpen(6);
    const { logged } = streamForTest(gateway, { backoffBaseMs: 5, backoffCapMs: 20, random: () => 0.999 });
    await gateway.waitForConnection(0);
    const delays = logged("warn", "DingTalk Stream connect failed").map((record) => record.retryInMs);
    expect(delays).toEqual([4, 9, 19, 19, 19, 19]);
  });

  it("on 401 backs off and logs one error naming the variables, never the secret", async () => {
    const gateway = await gatewayForTest();
    const secret = "wrong-secret-9f8e7d6c5b4a";
    const { stream, lines, logged } = streamForTest(gateway, { clientSecret: secret });
    await waitFor(() => gateway.stats().openRequests >= 4, "four refused attempts");

    const errors = logged("error", "");
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toContain("DINGTALK_CLIENT_ID");
    expect(errors[0]?.msg).toContain("DINGTALK_CLIENT_SECRET");
    expect(stream.state().lastError).toBe("connections/open refused the credentials (HTTP 401 authFailed)");
    expect(["backing-off", "connecting"]).toContain(stream.state().status);
    expect(gateway.stats().connects).toBe(0);
    expect(lines.join("\n")).not.toContain(secret);
    expect(JSON.stringify(stream.state())).not.toContain(secret);
  });

  it("gives up on a connections/open that does not answer, and tries again", async () => {
    const gateway = await gatewayForTest({ openDelayMs: 400 });
    const { stream } = streamForTest(gateway, { openTimeoutMs: 100 });
    await waitFor(() => stream.state().lastError !== undefined, "the first timeout");
    expect(stream.state().lastError).toBe("connections/open could not be reached: no answer within 100 ms");
    await waitFor(() => gateway.stats().openRequests >= 2, "a second attempt");
  });

  it("never writes a ticket to the log", async () => {
    const gateway = await gatewayForTest();
    const { lines } = streamForTest(gateway);
    const first = await gateway.waitForConnection(0);
    first.closeAbruptly();
    await gateway.waitForConnection(1);
    expect(lines.join("\n")).not.toMatch(
      /ticket=|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    );
  });
});

describe("DingTalk Stream: close and state", () => {
  it("reports its state for /healthz", async () => {
    const gateway = await gatewayForTest();
    const { stream } = streamForTest(gateway, {}, false);
    expect(stream.state()).toEqual({ status: "closed", reconnects: 0 });
    stream.start();
    stream.start();
    const connection = await gateway.waitForConnection(0);
    await connection.ping();
    const state = stream.state();
    expect(state.status).toBe("connected");
    expect(Date.parse(state.connectedSince as string)).toBeLessThanOrEqual(
      Date.parse(state.lastFrameAt as string),
    );
    expect(gateway.stats().connects).toBe(1);
  });

  it("close() closes the connection, stops retrying, and hands over nothing afterwards", async () => {
    const gateway = await gatewayForTest();
    const { stream, frames } = streamForTest(gateway);
    const connection = await gateway.waitForConnection(0);
    await stream.close();
    await connection.closed;
    expect(connection.closedBy()).toBe("client");
    expect(stream.state().status).toBe("closed");
    expect(() => stream.start()).toThrow(/closed/);
    expect(frames).toEqual([]);
    await stream.close();
  });

  it("close() while backing off cancels the retry", async () => {
    const gateway = await gatewayForTest();
    gateway.failOpen(100);
    const { stream } = streamForTest(gateway, { backoffBaseMs: 20, backoffCapMs: 20, random: () => 0.5 });
    await waitFor(() => stream.state().status === "backing-off", "a back-off");
    await stream.close();
    const attempts = gateway.stats().openRequests;
    // Several back-off periods: a retry left armed would have fired by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.stats().openRequests).toBe(attempts);
  });

  it("close() during a connect abandons it", async () => {
    const gateway = await gatewayForTest({ openDelayMs: 300 });
    const { stream } = streamForTest(gateway);
    await waitFor(() => gateway.stats().openRequests === 1, "the connect under way");
    await stream.close();
    expect(stream.state().status).toBe("closed");
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(gateway.stats().connects).toBe(0);
  });
});
