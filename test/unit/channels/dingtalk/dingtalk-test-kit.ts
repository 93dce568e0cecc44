import { createCipheriv } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { DingtalkCryptoError } from "../../../../src/channels/dingtalk/dingtalk-errors.js";

/** Runs `fn`, which must throw, and returns what it threw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw, but the call returned");
}

/** Asserts a DingtalkCryptoError with the official `code` and `status`, whose messages hold no secret. */
export function expectCryptoError(
  fn: () => unknown,
  code: number,
  status: 400 | 401 | 500,
  secrets: readonly string[],
): DingtalkCryptoError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(DingtalkCryptoError);
  const cryptoError = error as DingtalkCryptoError;
  expect({ code: cryptoError.dingCode, status: cryptoError.status }).toEqual({ code, status });
  expectNoSecrets(cryptoError, secrets);
  return cryptoError;
}

export function expectNoSecrets(error: unknown, secrets: readonly string[]): void {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const text = `${e.message} ${e.stack ?? ""}`;
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

/** AES-256-CBC with the callback key and IV and NO padding logic: lets tests forge any plaintext. */
export function encryptRaw(aesKey: string, plain: Buffer): string {
  const key = Buffer.from(`${aesKey}=`, "base64");
  const cipher = createCipheriv("aes-256-cbc", key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString("base64");
}

/** random(16) | len (big-endian) | msg | ownerKey, before padding; `msgLen` may lie. */
export function layout(message: string, ownerKey: string, msgLen?: number): Buffer {
  const msg = Buffer.from(message, "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msgLen ?? msg.length);
  return Buffer.concat([Buffer.from("0123456789abcdef"), length, msg, Buffer.from(ownerKey, "utf8")]);
}

/** Appends `count` bytes of `value` (callers choose a total that is a whole number of blocks). */
export function withPad(data: Buffer, count: number, value = count): Buffer {
  return Buffer.concat([data, Buffer.alloc(count, value)]);
}

/** A fixture from test/fixtures/dingtalk/. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../../../fixtures/dingtalk/${name}`, import.meta.url), "utf8");
}
