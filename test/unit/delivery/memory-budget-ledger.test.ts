import { describe, expect, it } from "vitest";
import { createMemoryBudgetLedger } from "../../../src/delivery/memory-budget-ledger.js";

const at = (seconds: number) => new Date(Date.UTC(2021, 2, 22, 2, 0, seconds));

describe("createMemoryBudgetLedger", () => {
  it("gives `limit` slots per window and refuses the next until the oldest leaves the window", async () => {
    const ledger = createMemoryBudgetLedger();
    expect(await ledger.take("k", 2, 60_000, at(0))).toEqual({ ok: true });
    expect(await ledger.take("k", 2, 60_000, at(10))).toEqual({ ok: true });
    expect(await ledger.take("k", 2, 60_000, at(59))).toEqual({ ok: false, retryAt: at(60) });
    // The window is (now − 60 s, now]: at 60 s the slot taken at 0 s has left it.
    expect(await ledger.take("k", 2, 60_000, at(60))).toEqual({ ok: true });
    expect(await ledger.take("k", 2, 60_000, at(65))).toEqual({ ok: false, retryAt: at(70) });
  });

  it("keeps keys apart", async () => {
    const ledger = createMemoryBudgetLedger();
    expect(await ledger.take("a", 1, 60_000, at(0))).toEqual({ ok: true });
    expect(await ledger.take("b", 1, 60_000, at(0))).toEqual({ ok: true });
    expect((await ledger.take("a", 1, 60_000, at(1))).ok).toBe(false);
  });

  it("takes nothing when it refuses", async () => {
    const ledger = createMemoryBudgetLedger();
    await ledger.take("k", 1, 60_000, at(0));
    for (let s = 1; s < 60; s++) await ledger.take("k", 1, 60_000, at(s));
    expect(await ledger.take("k", 1, 60_000, at(60))).toEqual({ ok: true });
  });
});
