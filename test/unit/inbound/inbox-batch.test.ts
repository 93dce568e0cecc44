import { describe, expect, it } from "vitest";
import { batchByTurn } from "../../../src/inbound/inbox-batch.js";

const TTL_MS = 86_400_000;
type ClaimMany = (keys: readonly string[], ttlMs: number) => Promise<readonly boolean[]>;
const batchClaims = (claimMany: ClaimMany, ttlMs: number, max?: number) =>
  batchByTurn<string, boolean>((keys) => claimMany(keys, ttlMs), max);

/** claimMany with the store's meaning: true once per key, in order; records each call. */
function fakeClaimMany() {
  const held = new Set<string>();
  const calls: Array<{ keys: readonly string[]; ttlMs: number }> = [];
  const claimMany: ClaimMany = async (keys, ttlMs) => {
    calls.push({ keys, ttlMs });
    return keys.map((key) => !held.has(key) && Boolean(held.add(key)));
  };
  return { claimMany, calls };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("batchByTurn", () => {
  it("hands the claims of one event-loop turn to one claimMany, answering each in order", async () => {
    const { claimMany, calls } = fakeClaimMany();
    const claim = batchClaims(claimMany, TTL_MS);
    const answers = await Promise.all([claim("a"), claim("b"), claim("c")]);
    expect(answers).toEqual([true, true, true]);
    expect(calls).toEqual([{ keys: ["a", "b", "c"], ttlMs: TTL_MS }]);
  });

  it("grants a key repeated within one batch once, and refuses it in a later one", async () => {
    const { claimMany, calls } = fakeClaimMany();
    const claim = batchClaims(claimMany, TTL_MS);
    expect(await Promise.all([claim("retry"), claim("other"), claim("retry")])).toEqual([true, true, false]);
    expect(await claim("retry")).toBe(false);
    expect(calls.map((call) => call.keys)).toEqual([["retry", "other", "retry"], ["retry"]]);
  });

  it("starts a new batch for claims made in a later turn", async () => {
    const { claimMany, calls } = fakeClaimMany();
    const claim = batchClaims(claimMany, TTL_MS);
    const first = claim("a");
    await nextTurn();
    const second = claim("b");
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(calls.map((call) => call.keys)).toEqual([["a"], ["b"]]);
  });

  it("splits a turn with more claims than the batch limit", async () => {
    const { claimMany, calls } = fakeClaimMany();
    const claim = batchClaims(claimMany, TTL_MS, 2);
    expect(await Promise.all(["a", "b", "c", "d", "e"].map(claim))).toEqual([true, true, true, true, true]);
    expect(calls.map((call) => call.keys)).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("rejects every claim of a failed batch, and the next batch works again", async () => {
    let fail = true;
    const { claimMany } = fakeClaimMany();
    const claim = batchClaims(async (keys, ttlMs) => {
      if (fail) throw new Error("SQLITE_BUSY");
      return claimMany(keys, ttlMs);
    }, TTL_MS);
    const failed = await Promise.allSettled([claim("a"), claim("b")]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await claim("a")).toBe(true);
  });

  it("rejects the batch when claimMany answers for a different number of keys", async () => {
    const claim = batchClaims(async () => [true], TTL_MS);
    const results = await Promise.allSettled([claim("a"), claim("b")]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
  });
});
