import { once } from "node:events";
import { connect } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { CallbackKeys } from "../../src/channels/wecom/wecom-callback.js";
import { fixedClock } from "../../src/shared/clock.js";
import { OFFICIAL_KEYS, V1_RAW_QUERY, V2, V2_BODY, V4B_KEYS, V4C } from "../fixtures/wecom/vectors.js";
import { startWecomApp, type WecomTestApp } from "../fixtures/wecom/wecom-app.js";
import { sealWecomCallback } from "../helpers/wecom-request.js";
import { readFixture } from "../unit/channels/wecom/wecom-test-kit.js";

const NOW = new Date("2026-01-01T00:00:05Z");
const NOW_S = String(NOW.getTime() / 1000);
const KEYS: CallbackKeys = { ...OFFICIAL_KEYS, replayWindowS: 300 };
const query = (v: { signature: string; timestamp: string; nonce: string }) =>
  `msg_signature=${v.signature}&timestamp=${v.timestamp}&nonce=${v.nonce}`;

let app: WecomTestApp;
const start = async (config: CallbackKeys = KEYS, maxBodyBytes?: number) => {
  app = await startWecomApp({ config, clock: fixedClock(NOW), maxBodyBytes });
  return app;
};
const post = (search: string, body: RequestInit["body"], init: RequestInit = {}) =>
  fetch(`${app.base}/wecom/callback?${search}`, { method: "POST", body, ...init });

afterEach(async () => {
  await app?.close();
});

function expectQuietLogs(): void {
  const logs = app.logLines.join("\n");
  for (const secret of [KEYS.token, KEYS.aesKey]) expect(logs).not.toContain(secret);
}

describe("GET /wecom/callback (URL verification)", () => {
  it("answers the decrypted echostr of vector V1 as plain text, and nothing else", async () => {
    await start({ ...KEYS, replayWindowS: 0 });
    const response = await fetch(`${app.base}/wecom/callback?${V1_RAW_QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(Buffer.from(await response.arrayBuffer()).toString("latin1")).toBe("1616140317555161061");
  });

  it("refuses a tampered signature with 401 and logs why, without secrets", async () => {
    await start({ ...KEYS, replayWindowS: 0 });
    const response = await fetch(`${app.base}/wecom/callback?${V1_RAW_QUERY.replace("5c45ff", "5c45fe")}`);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe("");
    expect(app.logLines.some((line) => line.includes("-40001"))).toBe(true);
    expectQuietLogs();
  });
});

describe("POST /wecom/callback", () => {
  it("acknowledges vector V2 with 200 and an empty body, then hands on the text", async () => {
    await start({ ...KEYS, replayWindowS: 0 });
    const response = await post(query(V2), V2_BODY, { headers: { "content-type": "text/xml" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await app.settled();
    expect(app.events).toEqual([
      {
        kind: "text",
        eventId: "wecom:msg:4561255354251345929",
        channel: "wecom",
        from: "mycreate",
        text: "hello",
        at: "2014-09-02T12:10:13.000Z",
      },
    ]);
  });

  it("records a callback delivered four times (WeCom's retries) once", async () => {
    await start();
    const sealed = sealWecomCallback(readFixture("template-card-event-button.xml"), KEYS, {
      timestamp: NOW_S,
    });
    for (let delivery = 0; delivery < 4; delivery++) {
      expect((await post(sealed.search, sealed.body)).status).toBe(200);
    }
    await app.settled();
    expect(app.events).toHaveLength(1);
    expect(app.events[0]).toMatchObject({ kind: "card-action", cardId: "T12_U4_r1", actionKey: "done" });
    expect(app.logLines.filter((line) => line.includes("repeated WeCom delivery ignored"))).toHaveLength(3);
  });

  it("records retries once when the inbox batches its writes, however they interleave", async () => {
    const batches: Array<{ keys: string[]; ttlMs: number }> = [];
    app = await startWecomApp({
      config: KEYS,
      clock: fixedClock(NOW),
      wrapAccept: (accept) => (entries, o) => {
        batches.push({ keys: entries.map((e) => e.key), ttlMs: o.ttlMs });
        return accept(entries, o);
      },
    });
    const text = sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp: NOW_S });
    const click = sealWecomCallback(readFixture("template-card-event-button.xml"), KEYS, {
      timestamp: NOW_S,
    });
    const deliveries = [text, click, text, click, text, text];
    const statuses = await Promise.all(deliveries.map(async (d) => (await post(d.search, d.body)).status));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    await app.settled();
    expect(app.events.map((event) => event.kind).sort()).toEqual(["card-action", "text"]);
    expect(batches.flatMap((batch) => batch.keys)).toHaveLength(deliveries.length);
    expect(batches.every((batch) => batch.ttlMs > KEYS.replayWindowS * 1000)).toBe(true);
    expect(await app.store.inbox.pendingCount()).toBe(0);
  });

  it("keeps each event's key for longer than the replay window, so a replay inside it is caught", async () => {
    const windows: number[] = [];
    app = await startWecomApp({
      config: { ...KEYS, replayWindowS: 30 * 24 * 3600 },
      clock: fixedClock(NOW),
      wrapAccept: (accept) => (entries, o) => {
        windows.push(o.ttlMs);
        return accept(entries, o);
      },
    });
    const sealed = sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp: NOW_S });
    await post(sealed.search, sealed.body);
    await post(sealed.search, sealed.body);
    await app.settled();
    expect(windows[0]).toBeGreaterThan(30 * 24 * 3600_000);
    expect(app.events).toHaveLength(1);
  });

  // Issue 11: WeCom does not retry after a 200, so a callback the store cannot take gets a 5xx.
  it("answers 503 when the store cannot take the event, and processes WeCom's retry once", async () => {
    let down = true;
    app = await startWecomApp({
      config: KEYS,
      clock: fixedClock(NOW),
      wrapAccept: (accept) => (entries, o) =>
        down ? Promise.reject(new Error("SQLITE_BUSY: database is locked")) : accept(entries, o),
    });
    const sealed = sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp: NOW_S });
    expect((await post(sealed.search, sealed.body)).status).toBe(503);
    await app.settled();
    expect(app.events).toHaveLength(0);
    down = false;
    expect((await post(sealed.search, sealed.body)).status).toBe(200);
    expect((await post(sealed.search, sealed.body)).status).toBe(200);
    await app.settled();
    expect(app.events).toHaveLength(1);
    expect(app.logLines.filter((line) => line.includes("answered 503 so that WeCom retries"))).toHaveLength(
      1,
    );
    expectQuietLogs();
  });

  it("records two different clicks by one member in the same second", async () => {
    await start();
    const xml = readFixture("template-card-event-button.xml");
    for (const clicked of [xml, xml.replace("[done]", "[difficulty]").replace("rc-0002", "rc-0003")]) {
      const sealed = sealWecomCallback(clicked, KEYS, { timestamp: NOW_S });
      expect((await post(sealed.search, sealed.body)).status).toBe(200);
    }
    await app.settled();
    expect(app.events.map((e) => (e.kind === "card-action" ? e.actionKey : ""))).toEqual([
      "done",
      "difficulty",
    ]);
  });

  it("refuses a callback for another corp (V4-C: receiveid mismatch) with 401", async () => {
    await start({ ...V4B_KEYS, replayWindowS: 0 });
    const body = `<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[${V4C.encrypt}]]></Encrypt></xml>`;
    expect((await post(query(V4C), body)).status).toBe(401);
    expect(app.logLines.some((line) => line.includes("-40005"))).toBe(true);
    expect(app.events).toEqual([]);
  });

  it("refuses a stale timestamp outside the replay window with 401", async () => {
    await start();
    const stale = sealWecomCallback(readFixture("text-message.xml"), KEYS, {
      timestamp: String(Number(NOW_S) - 301),
    });
    const fresh = sealWecomCallback(readFixture("text-message.xml"), KEYS, {
      timestamp: String(Number(NOW_S) - 299),
    });
    expect((await post(stale.search, stale.body)).status).toBe(401);
    expect((await post(fresh.search, fresh.body)).status).toBe(200);
  });

  it("refuses malformed XML with 400", async () => {
    await start();
    const sealed = sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp: NOW_S });
    expect((await post(sealed.search, "<xml><Encrypt>")).status).toBe(400);
    expect((await post(sealed.search, "not xml at all")).status).toBe(400);
  });

  it("refuses a body over the size cap with 400, declared or streamed", async () => {
    await start(KEYS, 4096);
    const sealed = sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp: NOW_S });
    const padded = sealed.body.replace("</xml>", `<Pad>${"x".repeat(5000)}</Pad></xml>`);
    expect((await post(sealed.search, padded)).status).toBe(400);
    const chunks = [padded.slice(0, 3000), padded.slice(3000)];
    const stream = new ReadableStream({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(chunk));
      },
    });
    const streamed = await post(sealed.search, stream, { duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(400);
    expect((await post(sealed.search, sealed.body)).status).toBe(200);
  });

  it("survives a client that goes away in the middle of its body", async () => {
    await start();
    const { port } = new URL(app.base);
    const socket = connect(Number(port), "127.0.0.1");
    await once(socket, "connect");
    socket.write("POST /wecom/callback?a=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<xml>");
    await new Promise((resolve) => setImmediate(resolve));
    socket.destroy();
    await expect.poll(() => app.logLines.some((line) => line.includes("body not received"))).toBe(true);
    const sealed = sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp: NOW_S });
    expect((await post(sealed.search, sealed.body)).status).toBe(200);
  });

  it("answers 400 or 401, never 500, whatever arrives, and keeps serving", async () => {
    await start();
    const sealed = sealWecomCallback(readFixture("text-message.xml"), KEYS, { timestamp: NOW_S });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constant(sealed.search), fc.webQueryParameters()),
        fc.oneof(
          fc.string(),
          fc.constant(sealed.body),
          fc.string().map((s) => sealed.body.replace("<Encrypt>", `<Encrypt>${s}`)),
          fc.string().map((s) => `<xml><Encrypt><![CDATA[${s}]]></Encrypt></xml>`),
        ),
        async (search, body) => {
          const response = await post(search, body);
          if (search === sealed.search && body === sealed.body) expect(response.status).toBe(200);
          else expect([400, 401]).toContain(response.status);
        },
      ),
      { numRuns: 60 },
    );
    expect((await post(sealed.search, sealed.body)).status).toBe(200);
    expectQuietLogs();
  });
});
