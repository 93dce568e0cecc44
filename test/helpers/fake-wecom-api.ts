import { createServer, type IncomingMessage, type Server } from "node:http";
import { onTestFinished } from "vitest";

export interface FakeWecomSend {
  touser: string;
  msgtype: string;
  body: Record<string, unknown>;
}

/**
 * A stand-in for qyapi.weixin.qq.com on 127.0.0.1, for tests whose service runs in another
 * process (nock only fakes HTTP inside the test's own process). It answers gettoken and
 * message/send the way WeCom documents them, each send after `sendDelayMs`, and records the sends;
 * for the first `rateLimitForMs` every send is refused with 45009 (the app's frequency limit).
 */
export async function startFakeWecomApi(options: { sendDelayMs?: number; rateLimitForMs?: number } = {}) {
  const sends: FakeWecomSend[] = [];
  /** When message/send calls were answered 45009 (every one in the first `rateLimitForMs`). */
  const refused: number[] = [];
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
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
    if (url.pathname === "/cgi-bin/message/send") {
      if (Date.now() < stormEnds) {
        refused.push(Date.now());
        return { errcode: 45009, errmsg: "api freq out of limit" };
      }
      await new Promise((resolve) => setTimeout(resolve, options.sendDelayMs ?? 0));
      sends.push({ touser: String(body.touser), msgtype: String(body.msgtype), body });
      return { errcode: 0, errmsg: "ok", invaliduser: "", msgid: `msg-${sends.length}` };
    }
    if (url.pathname === "/cgi-bin/message/update_template_card") return { errcode: 0, errmsg: "ok" };
    return { errcode: 40001, errmsg: `the fake WeCom API does not know ${url.pathname}` };
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, sends, refused };
}
