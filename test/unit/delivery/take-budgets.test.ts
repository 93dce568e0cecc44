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
    take(key, limit, windowMs, now) {
      keys.push(key);
      return ledger.take(key, limit, windowMs, now);
    },
  };
}

describe("takeBudgets", () => {
  it("tries per-recipient budgets, shortest window first, then the channel's", async () => {
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
});
