import { randomBytes } from "node:crypto";
import { encrypt, getSignature } from "@wecom/crypto";
import type { WecomConfig } from "../../src/channels/wecom/wecom-config.js";

/**
 * Builds real WeCom callbacks for tests. It signs and encrypts with @wecom/crypto, an
 * implementation independent of ours, so every test that uses it also checks compatibility.
 */
export type SealKeys = Pick<WecomConfig, "token" | "aesKey" | "corpId">;

export interface SealOptions {
  /** Unix seconds; defaults to now, so that the replay window accepts it. */
  timestamp?: string;
  nonce?: string;
  /** 16 bytes, to make the ciphertext reproducible. */
  random?: Buffer;
}

export interface SealedRequest {
  /** Decoded values, as Koa's ctx.query would hold them. */
  query: Record<string, string>;
  /** The same values percent-encoded, to append after `?` in an HTTP test. */
  search: string;
}

export interface SealedCallback extends SealedRequest {
  /** The POST body: the outer <xml> envelope with ToUserName, Encrypt and AgentID. */
  body: string;
}

/** A signed, encrypted POST callback carrying `plainXml`, as WeCom would send it (brief §1.5). */
export function sealWecomCallback(
  plainXml: string,
  config: SealKeys & { agentId?: number },
  options: SealOptions = {},
): SealedCallback {
  const { query, search, ciphered } = seal(plainXml, config, options);
  const body =
    `<xml><ToUserName><![CDATA[${config.corpId}]]></ToUserName>` +
    `<Encrypt><![CDATA[${ciphered}]]></Encrypt>` +
    `<AgentID><![CDATA[${config.agentId ?? 1000002}]]></AgentID></xml>`;
  return { query, search, body };
}

/** A signed GET URL-verification request whose echostr decrypts to `plainEcho` (brief §1.4). */
export function sealWecomEchostr(
  plainEcho: string,
  config: SealKeys,
  options: SealOptions = {},
): SealedRequest {
  const { query, search, ciphered } = seal(plainEcho, config, options);
  const withEcho = { ...query, echostr: ciphered };
  return { query: withEcho, search: `${search}&echostr=${encodeURIComponent(ciphered)}` };
}

function seal(plain: string, config: SealKeys, options: SealOptions) {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomBytes(4).readUInt32BE());
  const ciphered = encrypt(config.aesKey, plain, config.corpId, options.random);
  const query = { msg_signature: getSignature(config.token, timestamp, nonce, ciphered), timestamp, nonce };
  return { query, search: new URLSearchParams(query).toString(), ciphered };
}
