import { describe, expect, it } from "vitest";
import { openWecomCallback, openWecomEchostr } from "../../../../src/channels/wecom/wecom-callback.js";
import { readWecomInbound } from "../../../../src/channels/wecom/wecom-inbound.js";
import { OFFICIAL_KEYS, V1, V2, V2_BODY } from "../../../fixtures/wecom/vectors.js";
import { sealWecomCallback, sealWecomEchostr } from "../../../helpers/wecom-request.js";
import { readFixture } from "./wecom-test-kit.js";

const now = new Date();
const keys = { ...OFFICIAL_KEYS, replayWindowS: 300 };

describe("test helper sealWecomCallback / sealWecomEchostr", () => {
  it("reproduces official V2 (query and body) given its timestamp, nonce and random", () => {
    const sealed = sealWecomCallback(
      V2.message,
      { ...OFFICIAL_KEYS, agentId: 218 },
      {
        timestamp: V2.timestamp,
        nonce: V2.nonce,
        random: Buffer.from("0960688932c47ef1"),
      },
    );
    expect(sealed.query).toEqual({ msg_signature: V2.signature, timestamp: V2.timestamp, nonce: V2.nonce });
    expect(sealed.body).toBe(V2_BODY);
  });

  it("reproduces official V1's percent-encoded query", () => {
    const sealed = sealWecomEchostr(V1.message, OFFICIAL_KEYS, {
      timestamp: V1.timestamp,
      nonce: V1.nonce,
      random: Buffer.from("c41b64491c2468d0"),
    });
    expect(sealed.query.echostr).toBe(V1.encrypt);
    expect(new URLSearchParams(sealed.search).get("echostr")).toBe(V1.encrypt);
    expect(sealed.search).toContain("echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3");
  });

  it("seals a fixture that opens with a fresh timestamp inside the replay window", () => {
    const sealed = sealWecomCallback(readFixture("template-card-event.xml"), OFFICIAL_KEYS);
    const { plainXml } = openWecomCallback(sealed, keys, now);
    expect(readWecomInbound(plainXml)).toMatchObject({ kind: "template_card_event", taskId: "taskid111" });
  });

  it("seals an echostr whose search string opens through URLSearchParams", () => {
    const sealed = sealWecomEchostr("5927445223718491", OFFICIAL_KEYS);
    expect(openWecomEchostr({ query: new URLSearchParams(sealed.search) }, keys, now)).toBe(
      "5927445223718491",
    );
  });
});
