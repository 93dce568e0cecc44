import { describe, expect, it } from "vitest";
import { openTicket, type TicketRequest } from "../../../../../src/channels/dingtalk/stream/stream-ticket.js";

const SECRET = "ticket-test-secret-5a4b3c2d1e";

function request(answer: () => Promise<Response>): TicketRequest {
  return {
    apiBaseUrl: "https://api.dingtalk.example",
    clientId: "dingclient",
    clientSecret: SECRET,
    ua: "duban-test/1.0",
    localIp: "10.0.0.5",
    subscriptions: [{ type: "CALLBACK", topic: "/v1.0/im/bot/messages/get" }],
    fetch: () => answer(),
    timeoutMs: 1_000,
    signal: new AbortController().signal,
  };
}

const json = (status: number, body: unknown) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }),
  );

describe("connections/open", () => {
  it("returns the endpoint and ticket", async () => {
    const answer = await openTicket(
      request(() => json(200, { endpoint: "wss://gw.example/connect", ticket: "t-1" })),
    );
    expect(answer).toEqual({ ok: true, endpoint: "wss://gw.example/connect", ticket: "t-1" });
  });

  it("treats 401 and 403 as refused credentials, anything else as unavailable", async () => {
    expect(await openTicket(request(() => json(401, { code: "authFailed", message: "鉴权失败" })))).toEqual({
      ok: false,
      kind: "auth",
      reason: "connections/open refused the credentials (HTTP 401 authFailed)",
    });
    expect(await openTicket(request(() => json(403, {})))).toMatchObject({ kind: "auth" });
    expect(await openTicket(request(() => json(429, { code: "Throttling" })))).toEqual({
      ok: false,
      kind: "unavailable",
      reason: "connections/open failed (HTTP 429 Throttling)",
    });
  });

  it("refuses an answer that is not a usable ticket: XML, no ticket, an endpoint that is not a WebSocket", async () => {
    const xml = () => Promise.resolve(new Response("<OpenConnectionResponse/>", { status: 200 }));
    for (const answer of [
      xml,
      () => json(200, { endpoint: "wss://gw.example/connect" }),
      () => json(200, { endpoint: "https://gw.example/connect", ticket: "t" }),
    ]) {
      expect(await openTicket(request(answer))).toEqual({
        ok: false,
        kind: "unavailable",
        reason: "connections/open answered without an endpoint and ticket",
      });
    }
  });

  it("never quotes a platform message or a transport error that could carry a secret", async () => {
    const quoting = await openTicket(request(() => json(500, { code: `bad ${SECRET}`, message: SECRET })));
    expect(quoting).toEqual({ ok: false, kind: "unavailable", reason: "connections/open failed (HTTP 500)" });
    const refused = await openTicket(
      request(() =>
        Promise.reject(
          Object.assign(new TypeError(`fetch failed ${SECRET}`), { cause: { code: "ECONNREFUSED" } }),
        ),
      ),
    );
    expect(refused).toEqual({
      ok: false,
      kind: "unavailable",
      reason: "connections/open could not be reached: ECONNREFUSED",
    });
  });

  it("gives up after timeoutMs", async () => {
    const hanging = request(() => new Promise<Response>(() => {}));
    const answer = await openTicket({
      ...hanging,
      timeoutMs: 30,
      fetch: (_url, init) =>
        new Promise<Response>((_resolve, reject) =>
          init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
        ),
    });
    expect(answer).toEqual({
      ok: false,
      kind: "unavailable",
      reason: "connections/open could not be reached: no answer within 30 ms",
    });
  });
});
