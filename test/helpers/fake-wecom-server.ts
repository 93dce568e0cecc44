import { createServer, type IncomingMessage, type Server } from "node:http";

export interface FakeWecomSend {
  touser: string;
  msgtype: string;
  body: Record<string, unknown>;
  /** When the fake answered it (Date.now()): what WeCom's duplicate check measures its interval from. */
  at: number;
}

export interface FakeWecomOptions {
  /** How long each message/send waits before it is answered (a slow platform: sends in flight). */
  sendDelayMs?: number;
  /** For this long after the start, every message/send is refused with 45009 (the app's frequency limit). */
  rateLimitForMs?: number;
}

export interface FakeWecomServer {
  baseUrl: string;
  /** Every message/send answered ok, in order. */
  sends: FakeWecomSend[];
  /** When message/send calls were answered 45009 (every one in the first `rateLimitForMs`). */
  refused: number[];
  /** message/send requests that have arrived so far, including those not answered yet. */
  received(): number;
  /** update_template_card calls (a card closed after a click), their bodies. */
  cardUpdates: Record<string, unknown>[];
  /** media/upload calls (a chart or a ledger before its message), each answered with a media_id. */
  uploads(): number;
  close(): Promise<void>;
}

/**
 * A stand-in for qyapi.weixin.qq.com on 127.0.0.1, for a service that runs in another process
 * (nock only fakes HTTP inside its own process). It answers gettoken, media/upload, message/send
 * and update_template_card the way WeCom documents them (a body that is not JSON: 47001), each
 * send after `sendDelayMs`, and records what it was sent. Free of the test runner, so that scripts (the soak) run it too; tests use
 * startFakeWecomApi (fake-wecom-api.ts), which closes it when the test ends.
 */
export async function createFakeWecomServer(options: FakeWecomOptions = {}): Promise<FakeWecomServer> {
  const sends: FakeWecomSend[] = [];
  const refused: number[] = [];
  const cardUpdates: Record<string, unknown>[] = [];
  let received = 0;
  let uploads = 0;
  const stormEnds = Date.now() + (options.rateLimitForMs ?? 0);
  const server: Server = createServer((req, res) => {
    void answer(req).then((body) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  const answer = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/cgi-bin/gettoken")
      return { errcode: 0, errmsg: "ok", access_token: "fake-access-token", expires_in: 7200 };
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // An image or a file (a digest's chart) is uploaded first, as a multipart form (Doc 90253).
    if (url.pathname === "/cgi-bin/media/upload") {
      uploads += 1;
      const type = url.searchParams.get("type") ?? "file";
      return {
        errcode: 0,
        errmsg: "ok",
        type,
        media_id: `fake-media-${uploads}`,
        created_at: String(Date.now()),
      };
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
    } catch {
      return { errcode: 47001, errmsg: "data format error: the body is not JSON" };
    }
    if (url.pathname === "/cgi-bin/message/send") {
      received += 1;
      if (Date.now() < stormEnds) {
        refused.push(Date.now());
        return { errcode: 45009, errmsg: "api freq out of limit" };
      }
      await new Promise((resolve) => setTimeout(resolve, options.sendDelayMs ?? 0));
      sends.push({ touser: String(body.touser), msgtype: String(body.msgtype), body, at: Date.now() });
      return { errcode: 0, errmsg: "ok", invaliduser: "", msgid: `msg-${sends.length}` };
    }
    if (url.pathname === "/cgi-bin/message/update_template_card") {
      cardUpdates.push(body);
      return { errcode: 0, errmsg: "ok" };
    }
    return { errcode: 40001, errmsg: `the fake WeCom API does not know ${url.pathname}` };
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sends,
    refused,
    received: () => received,
    uploads: () => uploads,
    cardUpdates,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
