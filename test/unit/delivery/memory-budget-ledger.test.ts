import { describe, expect, it } from "vitest";
import { createMemoryBudgetLedger } from "../../../src/delivery/memory-budget-ledger.js";

const at = (seconds: number) => new Date(Date.UTC(2021, 2, 22, 2, 0, seconds));
/** One budget: `limit` per minute under `key`. */
const perMinute = (key: string, limit: number) => [{ key, limit, windowMs: 60_000 }];

describe("createMemoryBudgetLedger", () => {
  it("gives `limit` slots per window and refuses the next until the oldest leaves the window", async () => {
    const ledger = createMemoryBudgetLedger();
    expect(await ledger.take(perMinute("k", 2), at(0))).toEqual({ ok: true });
    expect(await ledger.take(perMinute("k", 2), at(10))).toEqual({ ok: true });
    expect(await ledger.take(perMinute("k", 2), at(59))).toEqual({ ok: false, retryAt: at(60), key: "k" });
    // The window is (now − 60 s, now]: at 60 s the slot taken at 0 s has left it.
    expect(await ledger.take(perMinute("k", 2), at(60))).toEqual({ ok: true });
    expect(await ledger.take(perMinute("k", 2), at(65))).toEqual({ ok: false, retryAt: at(70), key: "k" });
  });

  it("keeps keys apart", async () => {
    const ledger = createMemoryBudgetLedger();
    expect(await ledger.take(perMinute("a", 1), at(0))).toEqual({ ok: true });
    expect(await ledger.take(perMinute("b", 1), at(0))).toEqual({ ok: true });
    expect((await ledger.take(perMinute("a", 1), at(1))).ok).toBe(false);
  });

  it("takes nothing when it refuses", async () => {
    const ledger = createMemoryBudgetLedger();
    await ledger.take(perMinute("k", 1), at(0));
    for (let s = 1; s < 60; s++) await ledger.take(perMinute("k", 1), at(s));
    expect(await ledger.take(perMinute("k", 1), at(60))).toEqual({ ok: true });
  });

  it("takes every entry or none, and names the one that frees up last", async () => {
    const ledger = createMemoryBudgetLedger();
    const minute = { key: "minute", limit: 1, windowMs: 60_000 };
    const hour = { key: "hour", limit: 2, windowMs: 3_600_000 };
    expect(await ledger.take([minute, hour], at(0))).toEqual({ ok: true });
    expect(await ledger.take([minute, hour], at(30))).toEqual({ ok: false, retryAt: at(60), key: "minute" });
    // The refusal left the hour's second slot free.
    expect(await ledger.take([hour], at(31))).toEqual({ ok: true });
    expect(await ledger.take([minute, hour], at(61))).toEqual({
      ok: false,
      retryAt: at(3_600),
      key: "hour",
    });
    expect(await ledger.take([minute], at(62))).toEqual({ ok: true });
  });
});
