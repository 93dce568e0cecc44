import { describe, expect, it } from "vitest";
import { openWecomCallback, openWecomEchostr } from "../../../../src/channels/wecom/wecom-callback.js";
import { readWecomConfig } from "../../../../src/channels/wecom/wecom-config.js";
import {
  type KeySet,
  V1,
  V1_RAW_QUERY,
  V2,
  V2_BODY,
  V3_GET,
  V3_POST,
  V4A,
  V4A_RAW_QUERY,
  V4A_TAMPERED_SIGNATURE,
  V4B,
  V4B_BODY,
  V4C,
  type Vector,
} from "../../../fixtures/wecom/vectors.js";
import { expectWecomError } from "./wecom-test-kit.js";

const now = new Date("2026-01-01T00:00:00Z");
const keysOf = (keys: KeySet) => ({ ...keys, replayWindowS: 0 });
const queryOf = (v: Vector) => ({ msg_signature: v.signature, timestamp: v.timestamp, nonce: v.nonce });
const bodyOf = (v: Vector) =>
  `<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[${v.encrypt}]]></Encrypt></xml>`;

describe("openWecomEchostr (GET URL verification)", () => {
  it("answers V1 from its raw, percent-encoded query string", () => {
    const query = new URLSearchParams(V1_RAW_QUERY);
    expect(openWecomEchostr({ query }, keysOf(V1.keys), now)).toBe("1616140317555161061");
  });

  it("answers V4-A from its raw query string", () => {
    const query = new URLSearchParams(V4A_RAW_QUERY);
    expect(openWecomEchostr({ query }, keysOf(V4A.keys), now)).toBe("94966531020182955848408");
  });

  it("answers V3 from a Koa-style decoded query object", () => {
    const query = { ...queryOf(V3_GET), echostr: V3_GET.encrypt };
    expect(openWecomEchostr({ query }, keysOf(V3_GET.keys), now)).toBe("1288432023552776189");
  });

  it("rejects V4-A with the tampered signature (401)", () => {
    const query = new URLSearchParams(V4A_RAW_QUERY);
    query.set("msg_signature", V4A_TAMPERED_SIGNATURE);
    const error = expectWecomError(
      () => openWecomEchostr({ query }, keysOf(V4A.keys), now),
      -40001,
      V4A.keys,
    );
    expect(error.status).toBe(401);
  });

  it("rejects an echostr that was not URL-decoded (its signature no longer matches)", () => {
    const query = { ...queryOf(V1), echostr: encodeURIComponent(V1.encrypt) };
    expectWecomError(() => openWecomEchostr({ query }, keysOf(V1.keys), now), -40001, V1.keys);
  });

  it("rejects a '+' that a proxy turned into a space", () => {
    const query = { ...queryOf(V1), echostr: V1.encrypt.replaceAll("+", " ") };
    expectWecomError(() => openWecomEchostr({ query }, keysOf(V1.keys), now), -40001, V1.keys);
  });

  it("rejects a missing echostr with -40002", () => {
    expectWecomError(() => openWecomEchostr({ query: queryOf(V1) }, keysOf(V1.keys), now), -40002, V1.keys);
  });

  it.each(["msg_signature", "timestamp", "nonce"])("rejects a missing %s with -40001", (name) => {
    const query = new URLSearchParams(V1_RAW_QUERY);
    query.delete(name);
    expectWecomError(() => openWecomEchostr({ query }, keysOf(V1.keys), now), -40001, V1.keys);
  });

  it("rejects a repeated msg_signature", () => {
    const query = new URLSearchParams(`${V1_RAW_QUERY}&msg_signature=${V1.signature}`);
    expectWecomError(() => openWecomEchostr({ query }, keysOf(V1.keys), now), -40001, V1.keys);
    const koaStyle = { ...queryOf(V1), echostr: V1.encrypt, msg_signature: [V1.signature, V1.signature] };
    expectWecomError(() => openWecomEchostr({ query: koaStyle }, keysOf(V1.keys), now), -40001, V1.keys);
  });
});

describe("openWecomCallback (POST)", () => {
  it("opens V2 exactly as the brief gives it", () => {
    const opened = openWecomCallback({ query: queryOf(V2), body: V2_BODY }, keysOf(V2.keys), now);
    expect(opened).toEqual({ plainXml: V2.message, timestamp: V2.timestamp, nonce: V2.nonce });
  });

  it("opens V4-B, given as a Buffer body", () => {
    const opened = openWecomCallback(
      { query: queryOf(V4B), body: Buffer.from(V4B_BODY) },
      keysOf(V4B.keys),
      now,
    );
    expect(opened.plainXml).toBe(V4B.message);
  });

  it("opens V3 with UTF-8 content", () => {
    const opened = openWecomCallback(
      { query: queryOf(V3_POST), body: bodyOf(V3_POST) },
      keysOf(V3_POST.keys),
      now,
    );
    expect(opened.plainXml).toContain("<Content>你好</Content>");
  });

  it("rejects V4-C, correctly signed but encrypted for another corp, with -40005 (401)", () => {
    const request = { query: queryOf(V4C), body: bodyOf(V4C) };
    const error = expectWecomError(() => openWecomCallback(request, keysOf(V4B.keys), now), -40005, V4B.keys);
    expect(error.status).toBe(401);
  });

  it("checks the signature before decrypting: a forged ciphertext is -40001, not a padding error", () => {
    const forged = { ...V2, encrypt: Buffer.alloc(64, 1).toString("base64") };
    const request = { query: queryOf(V2), body: bodyOf(forged) };
    expectWecomError(() => openWecomCallback(request, keysOf(V2.keys), now), -40001, V2.keys);
  });

  it("ignores the unauthenticated outer ToUserName and AgentID", () => {
    const body = V2_BODY.replace("wx5823bf96d3bd56c7", "evil").replace("218", "1");
    expect(openWecomCallback({ query: queryOf(V2), body }, keysOf(V2.keys), now).plainXml).toBe(V2.message);
  });

  it.each([
    ["empty", ""],
    ["not XML", "encrypt=abc"],
    ["truncated", V2_BODY.slice(0, 100)],
    ["JSON (AI-bot style)", JSON.stringify({ encrypt: V2.encrypt })],
    ["without Encrypt", "<xml><ToUserName>x</ToUserName></xml>"],
    ["with an empty Encrypt", "<xml><Encrypt></Encrypt></xml>"],
    [
      "with two Encrypt elements",
      `<xml><Encrypt>${V2.encrypt}</Encrypt><Encrypt>${V2.encrypt}</Encrypt></xml>`,
    ],
    ["with another root", `<root><Encrypt>${V2.encrypt}</Encrypt></root>`],
    ["with a DOCTYPE", `<!DOCTYPE xml [<!ENTITY e "x">]>${V2_BODY}`],
  ])("rejects a body that is %s with -40002 (400)", (_, body) => {
    const error = expectWecomError(
      () => openWecomCallback({ query: queryOf(V2), body }, keysOf(V2.keys), now),
      -40002,
      V2.keys,
    );
    expect(error.status).toBe(400);
  });
});

describe("issue 6 acceptance: from environment variables to answers", () => {
  const config = readWecomConfig({
    WECOM_CORP_ID: V1.keys.corpId,
    WECOM_TOKEN: V1.keys.token,
    WECOM_AES_KEY: V1.keys.aesKey,
    WECOM_AGENT_ID: "1",
    WECOM_SECRET: "any",
    WECOM_REPLAY_WINDOW_S: "0",
  });

  it("answers the V1 GET with 1616140317555161061 and opens the V2 POST", () => {
    if (!config) throw new Error("config expected");
    expect(openWecomEchostr({ query: new URLSearchParams(V1_RAW_QUERY) }, config, now)).toBe(
      "1616140317555161061",
    );
    expect(openWecomCallback({ query: queryOf(V2), body: V2_BODY }, config, now).plainXml).toBe(V2.message);
  });
});
