import { createCipheriv } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { WecomCryptoError } from "../../../../src/channels/wecom/wecom-errors.js";
import type { KeySet } from "../../../fixtures/wecom/vectors.js";

/** Runs `fn`, which must throw, and returns what it threw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw, but the call returned");
}

/**
 * Asserts a WecomCryptoError with the official `code`, and that its message (and the messages
 * of its causes) reveal neither the token nor the EncodingAESKey.
 */
export function expectWecomError(fn: () => unknown, code: number, keys: KeySet): WecomCryptoError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(WecomCryptoError);
  const wecomError = error as WecomCryptoError;
  expect(wecomError.wecomCode).toBe(code);
  expectNoSecrets(wecomError, keys);
  return wecomError;
}

export function expectNoSecrets(error: unknown, keys: Pick<KeySet, "token" | "aesKey">): void {
  const keyHex = Buffer.from(`${keys.aesKey}=`, "base64").toString("hex");
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const text = `${e.message} ${e.stack ?? ""}`;
    for (const secret of [keys.token, keys.aesKey, keyHex]) expect(text).not.toContain(secret);
  }
}

/** AES-256-CBC with the WeCom key and IV but NO padding logic: lets tests forge any plaintext. */
export function encryptRaw(aesKey: string, plain: Buffer): string {
  const key = Buffer.from(`${aesKey}=`, "base64");
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

/** random(16) | msg_len (big-endian) | msg | receiveid, before padding; `msgLen` may lie. */
export function layout(message: string, receiveId: string, msgLen?: number): Buffer {
  const msg = Buffer.from(message, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msgLen ?? msg.length);
  return Buffer.concat([Buffer.from("0123456789abcdef"), length, msg, Buffer.from(receiveId, "utf8")]);
}

/** Pads to a multiple of 32 with `count` bytes of `value` (callers choose a consistent total). */
export function withPad(data: Buffer, count: number, value = count): Buffer {
  return Buffer.concat([data, Buffer.alloc(count, value)]);
}

/** A plaintext fixture from test/fixtures/wecom/. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../../../fixtures/wecom/${name}`, import.meta.url), "utf8");
}
