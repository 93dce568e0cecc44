import { afterEach, describe, expect, it } from "vitest";
import { readWecomConfig } from "../../src/channels/wecom/wecom-config.js";
import { systemClock } from "../../src/shared/clock.js";
import { V1_ENV, V1_RAW_QUERY, V2, V2_BODY } from "../fixtures/wecom/vectors.js";
import { startWecomApp, type WecomTestApp } from "../fixtures/wecom/wecom-app.js";

let app: WecomTestApp | undefined;
afterEach(async () => {
  await app?.close();
});

// Issue 6, "Done when": the official vectors against the service's own configuration reader.
describe("WeCom acceptance with vector V1's settings", () => {
  it("verifies the URL with V1 and accepts the V2 message, on the real clock with the replay window off", async () => {
    const config = readWecomConfig(V1_ENV);
    if (config === undefined) throw new Error("the WeCom channel should be on");
    app = await startWecomApp({ config, clock: systemClock });

    const verify = await fetch(`${app.base}/wecom/callback?${V1_RAW_QUERY}`);
    expect(await verify.text()).toBe("1616140317555161061");

    const search = `msg_signature=${V2.signature}&timestamp=${V2.timestamp}&nonce=${V2.nonce}`;
    const message = await fetch(`${app.base}/wecom/callback?${search}`, { method: "POST", body: V2_BODY });
    expect(message.status).toBe(200);
    await app.settled();
    expect(app.events).toMatchObject([{ kind: "text", from: "mycreate", text: "hello" }]);
  });
});
