import { describe, expect, it } from "vitest";
import { gatewayForTest } from "./stream-test-kit.js";

/** The fake gateway also stands in for the OpenAPI in end-to-end tests: its own contract. */
describe("fake DingTalk gateway", () => {
  it("serves and records extra OpenAPI routes beside the Stream gateway", async () => {
    const gateway = await gatewayForTest();
    gateway.route("POST", "/v1.0/oauth2/accessToken", (request) => ({
      body: { accessToken: `token-for-${(request.body as { appKey: string }).appKey}`, expireIn: 7200 },
    }));
    gateway.route("post", "/v1.0/robot/oToMessages/batchSend", () => ({
      status: 403,
      body: { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "限流" },
    }));

    const token = await fetch(`${gateway.baseUrl}/v1.0/oauth2/accessToken`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ appKey: "dingkey", appSecret: "s" }),
    });
    expect(await token.json()).toEqual({ accessToken: "token-for-dingkey", expireIn: 7200 });
    const send = await fetch(`${gateway.baseUrl}/v1.0/robot/oToMessages/batchSend?x=1`, {
      method: "POST",
      body: "not json",
    });
    expect(send.status).toBe(403);
    const missing = await fetch(`${gateway.baseUrl}/v1.0/card/instances`, { method: "PUT", body: "{}" });
    expect(missing.status).toBe(404);

    expect(gateway.requestsTo("POST", "/v1.0/robot/oToMessages/batchSend")).toMatchObject([
      { query: { x: "1" }, body: "not json", text: "not json" },
    ]);
    expect(gateway.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /v1.0/oauth2/accessToken",
      "POST /v1.0/robot/oToMessages/batchSend",
      "PUT /v1.0/card/instances",
    ]);
  });

  it("answers connections/open like the gateway: XML without Accept, 401 for wrong credentials", async () => {
    const gateway = await gatewayForTest();
    const open = (headers: Record<string, string>, body: unknown) =>
      fetch(`${gateway.baseUrl}/v1.0/gateway/connections/open`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const subscriptions = [{ type: "EVENT", topic: "*" }];
    const credentials = { clientId: gateway.clientId, clientSecret: gateway.clientSecret, subscriptions };

    const xml = await open({}, credentials);
    expect(xml.headers.get("content-type")).toBe("application/xml");
    const wrong = await open({ accept: "application/json" }, { ...credentials, clientSecret: "nope" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ code: "authFailed", message: "鉴权失败" });
    gateway.failOpen(1);
    expect((await open({ accept: "application/json" }, credentials)).status).toBe(503);
    const ok = await open({ accept: "application/json" }, credentials);
    expect(await ok.json()).toMatchObject({ endpoint: `${gateway.baseUrl.replace("http", "ws")}/connect` });
    expect(gateway.stats()).toMatchObject({ openRequests: 4, ticketsIssued: 1 });
  });
});
