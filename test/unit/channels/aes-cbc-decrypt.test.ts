import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptCbcBlocks } from "../../../src/channels/aes-cbc-decrypt.js";

const encrypt = (key: Buffer, iv: Buffer, plain: Buffer) => {
  const cipher = createCipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
};
const nodeCbc = (key: Buffer, iv: Buffer, cipherText: Buffer) => {
  const decipher = createDecipheriv("aes-256-cbc", key, iv).setAutoPadding(false);
  return Buffer.concat([decipher.update(cipherText), decipher.final()]);
};

describe("decryptCbcBlocks", () => {
  it("gives what Node's AES-256-CBC gives, call after call, with two keys taking turns", () => {
    const keys = [randomBytes(32), randomBytes(32)];
    for (let n = 0; n < 200; n++) {
      const key = keys[n % 2] as Buffer;
      // Each platform's IV is its key's first 16 bytes; another IV must work as well.
      const iv = n % 3 === 0 ? randomBytes(16) : key.subarray(0, 16);
      const plain = randomBytes(16 * (1 + (n % 40)));
      const cipherText = encrypt(key, iv, plain);
      expect(decryptCbcBlocks(key, iv, cipherText)).toEqual(plain);
      expect(decryptCbcBlocks(key, iv, cipherText)).toEqual(nodeCbc(key, iv, cipherText));
    }
  });

  it("refuses what is not whole blocks, and decrypts the next callback right after", () => {
    const key = randomBytes(32);
    const iv = key.subarray(0, 16);
    expect(() => decryptCbcBlocks(key, iv, randomBytes(33))).toThrow(/whole 16-byte blocks/);
    expect(() => decryptCbcBlocks(key, iv, Buffer.alloc(0))).toThrow(/whole 16-byte blocks/);
    expect(() => decryptCbcBlocks(key, randomBytes(8), randomBytes(32))).toThrow(/16-byte IV/);
    const plain = randomBytes(64);
    expect(decryptCbcBlocks(key, iv, encrypt(key, iv, plain))).toEqual(plain);
  });
});
