import { describe, expect, it } from "vitest";
import type { SendBudget } from "../../../src/channels/channel.js";
import type { BudgetLedger } from "../../../src/delivery/budget-ledger.js";
import { createMemoryBudgetLedger } from "../../../src/delivery/memory-budget-ledger.js";
import { takeBudgets } from "../../../src/delivery/take-budgets.js";

const NOW = new Date("2021-03-22T02:05:00Z");
const BUDGETS: SendBudget[] = [
  { name: "app-per-day", scope: "channel", limit: 3, windowMs: 86_400_000 },
  { name: "member-per-hour", scope: "recipient", limit: 1000, windowMs: 3_600_000 },
  { name: "member-per-minute", scope: "recipient", limit: 2, windowMs: 60_000 },
];

function recording(ledger: BudgetLedger, keys: string[]): BudgetLedger {
  return {
    take(entries, now) {
      keys.push(...entries.map((e) => e.key));
      return ledger.take(entries, now);
    },
  };
}

describe("takeBudgets", () => {
  it("lists per-recipient budgets, shortest window first, then the channel's", async () => {
    const keys: string[] = [];
    expect(
      await takeBudgets(recording(createMemoryBudgetLedger(), keys), "wecom", BUDGETS, "u1", NOW),
    ).toEqual({
      ok: true,
    });
    expect(keys).toEqual(["wecom:member-per-minute:u1", "wecom:member-per-hour:u1", "wecom:app-per-day"]);
  });

  it("names the budget that refused and when it frees up", async () => {
    const ledger = createMemoryBudgetLedger();
    await takeBudgets(ledger, "wecom", BUDGETS, "u1", NOW);
    await takeBudgets(ledger, "wecom", BUDGETS, "u1", NOW);
    const refused = await takeBudgets(ledger, "wecom", BUDGETS, "u1", NOW);
    expect(refused).toMatchObject({
      ok: false,
      key: "wecom:member-per-minute:u1",
      retryAt: new Date(NOW.getTime() + 60_000),
    });
    // Another member has a minute budget of its own but shares the channel's daily one.
    expect((await takeBudgets(ledger, "wecom", BUDGETS, "u2", NOW)).ok).toBe(true);
    expect(await takeBudgets(ledger, "wecom", BUDGETS, "u3", NOW)).toMatchObject({
      ok: false,
      key: "wecom:app-per-day",
    });
  });

  it("uses up no budget when one refuses, and asks the ledger nothing for a channel without budgets", async () => {
    const ledger = createMemoryBudgetLedger();
    const perDay = BUDGETS.filter((b) => b.name !== "member-per-minute");
    for (let i = 0; i < 3; i++) expect((await takeBudgets(ledger, "wecom", perDay, "u1", NOW)).ok).toBe(true);
    // u1's daily slots are gone; u2's hourly slot was not taken by the refused send.
    expect(await takeBudgets(ledger, "wecom", perDay, "u2", NOW)).toMatchObject({ key: "wecom:app-per-day" });
    const hourOfU2 = BUDGETS.filter((b) => b.name === "member-per-hour").map((b) => ({ ...b, limit: 1 }));
    expect(await takeBudgets(ledger, "wecom", hourOfU2, "u2", NOW)).toEqual({ ok: true });
    const keys: string[] = [];
    expect(await takeBudgets(recording(ledger, keys), "local", [], "u1", NOW)).toEqual({ ok: true });
    expect(keys).toEqual([]);
  });
});
