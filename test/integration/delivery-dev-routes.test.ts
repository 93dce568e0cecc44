import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import Router from "@koa/router";
import { afterEach, describe, expect, it } from "vitest";
import type { InboundEvent } from "../../src/channels/channel.js";
import { createLocalChannel } from "../../src/channels/local/local-channel.js";
import { createServer } from "../../src/http/create-server.js";
import { mountDevRoutes } from "../../src/http/dev-routes.js";
import { createInbox } from "../../src/inbound/inbox-processor.js";
import { isLoopback } from "../../src/shared/is-loopback.js";
import { silentLogger } from "../../src/shared/logger.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { MEMBERS, virtualClock } from "../fixtures/delivery/delivery-world.js";
import { rawRequest, statusLine } from "../helpers/raw-http.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** The app as the lead wires it: createServer, then the dev routes on their own router. */
async function start(host = "127.0.0.1") {
  const clock = virtualClock("2021-03-22T02:05:00.000Z");
  const inbound: InboundEvent[] = [];
  const channel = createLocalChannel({ clock, logger: silentLogger, onInbound: (e) => void inbound.push(e) });
  const app = createServer({ logger: silentLogger });
  const router = new Router();
  // As the app wires it: the route hands each event to the inbox (here, by default, the channel's handler).
  const inbox = { receive: (event: InboundEvent) => channel.receive(event) };
  mountDevRoutes(router, { channel, inbox, clock });
  app.use(router.routes());
  const server = app.listen(0, host);
  servers.push(server);
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}`, port, channel, clock, inbound };
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

const [alice, bob] = MEMBERS as [(typeof MEMBERS)[0], (typeof MEMBERS)[0]];

describe("GET /dev/outbox", () => {
  it("lists what the local channel sent, oldest first, filtered by recipient and time", async () => {
    const { base, channel, clock } = await start();
    await channel.send({ idempotencyKey: "k1", recipients: [alice], message: { kind: "text", text: "一" } });
    clock.advance(60_000);
    await channel.send({
      idempotencyKey: "k2",
      recipients: [alice, bob],
      message: { kind: "text", text: "二" },
    });

    const all = (await (await fetch(`${base}/dev/outbox`)).json()) as {
      messages: { idempotencyKey: string }[];
    };
    expect(all.messages.map((m) => m.idempotencyKey)).toEqual(["k1", "k2", "k2"]);
    const bobs = (await (await fetch(`${base}/dev/outbox?to=${bob.personId}`)).json()) as {
      messages: unknown[];
    };
    expect(bobs.messages).toEqual([
      expect.objectContaining({ to: bob.personId, name: "联络员乙", message: { kind: "text", text: "二" } }),
    ]);
    const since = encodeURIComponent("2021-03-22T10:06:00+08:00");
    const recent = (await (await fetch(`${base}/dev/outbox?since=${since}`)).json()) as {
      messages: unknown[];
    };
    expect(recent.messages).toHaveLength(2);
  });

  it("refuses a `since` that is not an instant", async () => {
    const { base } = await start();
    expect((await fetch(`${base}/dev/outbox?since=yesterday`)).status).toBe(400);
  });
});

describe("POST /dev/inbound", () => {
  // Issue 11: through the inbox, as a platform callback: stored first, or refused with a 5xx.
  it("stores the event in the inbox before handling it once, and answers 503 when it cannot", async () => {
    const { base, channel } = await start();
    const dir = makeTempDir("duban-dev-inbox");
    const store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
    const handled: string[] = [];
    const inbox = createInbox({
      inbox: store.inbox,
      handle: async (event) => void handled.push(event.eventId),
      logger: silentLogger,
      worker: "test",
    });
    channel.setInboundHandler((event) => inbox.receive(event));
    const event = { kind: "text", eventId: "dev-1", from: alice.personId, text: "收到" };
    expect((await post(`${base}/dev/inbound`, event)).status).toBe(202);
    expect((await post(`${base}/dev/inbound`, event)).status).toBe(202);
    expect(handled).toEqual(["dev-1"]);
    expect(await store.inbox.pendingCount()).toBe(0);
    await store.close();
    const refused = await post(`${base}/dev/inbound`, { ...event, eventId: "dev-2" });
    expect(refused.status).toBe(503);
    expect(handled).toEqual(["dev-1"]);
    dir.remove();
  });

  it("hands a text to the local channel and answers 202 with its event id", async () => {
    const { base, inbound } = await start();
    const response = await post(`${base}/dev/inbound`, {
      kind: "text",
      from: "wecom:c1",
      text: "52 已新增就业4200人",
    });
    expect(response.status).toBe(202);
    const { eventId } = (await response.json()) as { eventId: string };
    expect(eventId).toMatch(/^local-/);
    expect(inbound).toEqual([
      {
        kind: "text",
        eventId,
        channel: "local",
        from: "wecom:c1",
        text: "52 已新增就业4200人",
        at: "2021-03-22T02:05:00.000Z",
      },
    ]);
  });

  it("keeps a given event id, for card actions too", async () => {
    const { base, inbound } = await start();
    const body = {
      kind: "card-action",
      eventId: "e-7",
      from: "wecom:c1",
      cardId: "card-52",
      actionKey: "ack",
    };
    expect((await post(`${base}/dev/inbound`, body)).status).toBe(202);
    expect(inbound).toEqual([expect.objectContaining({ ...body, channel: "local" })]);
  });

  it("refuses what is not one of the two shapes, or not JSON", async () => {
    const { base, inbound } = await start();
    expect((await post(`${base}/dev/inbound`, { kind: "text", from: "wecom:c1" })).status).toBe(400);
    expect((await post(`${base}/dev/inbound`, { kind: "voice", from: "wecom:c1", text: "x" })).status).toBe(
      400,
    );
    const notJson = await fetch(`${base}/dev/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    expect(inbound).toEqual([]);
  });

  it("refuses a body not sent as JSON: what a form on another site could post without a preflight", async () => {
    const { base, inbound } = await start();
    const form = await fetch(`${base}/dev/inbound`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ kind: "text", from: "wecom:c1", text: "/export" }),
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({ error: expect.stringContaining("application/json") });
    expect(inbound).toEqual([]);
  });

  it("answers 403 to a Host that is not this machine (a page whose domain was made to resolve to 127.0.0.1)", async () => {
    const { port, inbound } = await start();
    const response = await rawRequest(
      { host: "127.0.0.1", port },
      {
        method: "POST",
        path: "/dev/inbound",
        headers: { Host: "rebind.example.com", "Content-Type": "application/json" },
        body: JSON.stringify({ kind: "text", from: "wecom:c1", text: "hi" }),
      },
    );
    expect(statusLine(response)).toBe("HTTP/1.1 403 Forbidden");
    expect(inbound).toEqual([]);
  });
});

describe("the /dev routes off loopback", () => {
  it("knows loopback addresses", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"])
      expect(isLoopback(address)).toBe(true);
    for (const address of ["192.0.2.2", "::ffff:10.0.0.1", "fd00::2", "1.127.0.0", undefined])
      expect(isLoopback(address)).toBe(false);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && !i.internal && i.family === "IPv4")?.address;

  it.runIf(external !== undefined)(
    "answers 403 to a request from another address, whatever X-Forwarded-For says",
    async () => {
      const { port, inbound } = await start("0.0.0.0");
      // A raw socket: the request must really arrive from the machine's external address.
      const response = await rawRequest(
        { host: external ?? "", port },
        {
          method: "POST",
          path: "/dev/inbound",
          headers: { Host: "duban", "X-Forwarded-For": "127.0.0.1", "Content-Type": "application/json" },
          body: JSON.stringify({ kind: "text", from: "wecom:c1", text: "hi" }),
        },
      );
      expect(statusLine(response)).toBe("HTTP/1.1 403 Forbidden");
      expect(inbound).toEqual([]);
    },
  );
});
