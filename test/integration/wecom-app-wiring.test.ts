import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config/load-config.js";
import { silentLogger } from "../../src/shared/logger.js";
import { V1_ENV, V1_RAW_QUERY, V2, V2_BODY } from "../fixtures/wecom/vectors.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(env: Record<string, string>) {
  const dir = makeTempDir("duban-wecom-app");
  cleanup.push(dir.remove);
  const fullEnv = { DUBAN_DATA_DIR: dir.path, ...env };
  const app = await createApp(loadConfig(fullEnv), silentLogger, { env: fullEnv });
  const server = app.http.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  cleanup.push(
    () => app.stop(),
    () => void server.close(),
  );
  return { app, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("the service with WeCom configured", () => {
  it("turns the WeCom channel on instead of the local one and answers V1 and V2 on /wecom/callback", async () => {
    const { app, base } = await start(V1_ENV);
    expect([...app.services.channels.keys()]).toEqual(["wecom"]);
    expect(app.services.local).toBeUndefined();
    expect(await (await fetch(`${base}/wecom/callback?${V1_RAW_QUERY}`)).text()).toBe("1616140317555161061");
    const search = `msg_signature=${V2.signature}&timestamp=${V2.timestamp}&nonce=${V2.nonce}`;
    expect((await fetch(`${base}/wecom/callback?${search}`, { method: "POST", body: V2_BODY })).status).toBe(
      200,
    );
    expect((await fetch(`${base}/dev/outbox`)).status).toBe(404);
  });

  it("records a callback WeCom delivers four times once, with one claim per delivery", async () => {
    const { app, base } = await start(V1_ENV);
    const search = `msg_signature=${V2.signature}&timestamp=${V2.timestamp}&nonce=${V2.nonce}`;
    for (let i = 0; i < 4; i++) {
      expect(
        (await fetch(`${base}/wecom/callback?${search}`, { method: "POST", body: V2_BODY })).status,
      ).toBe(200);
    }
    // V2's sender is not in the directory: each handled delivery would leave a refusal in the audit.
    const refused = async () =>
      (await app.services.store.audit.query({})).filter((e) => e.action === "reply.refused").length;
    // Processing runs after the 200: give every delivery time to land (stop early on a second one).
    for (let i = 0; i < 50 && (await refused()) < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await refused()).toBe(1);
  });

  it("refuses to start with a wrong AES key, naming the variable and never its value", async () => {
    const env = { ...V1_ENV, WECOM_AES_KEY: "too-short-key" };
    const failure = start(env);
    await expect(failure).rejects.toThrow(/WECOM_AES_KEY/);
    await expect(failure).rejects.not.toThrow(/too-short-key/);
  });

  it("runs the local channel and its dev routes when no platform is configured", async () => {
    const { app, base } = await start({});
    expect([...app.services.channels.keys()]).toEqual(["local"]);
    expect((await fetch(`${base}/dev/outbox`)).status).toBe(200);
    expect((await fetch(`${base}/wecom/callback`)).status).toBe(404);
  });
});
