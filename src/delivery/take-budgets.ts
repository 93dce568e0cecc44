import type { ChannelName, SendBudget } from "../channels/channel.js";
import type { BudgetLedger } from "./budget-ledger.js";

export type BudgetsTake = { ok: true } | { ok: false; retryAt: Date; budget: SendBudget; key: string };

/**
 * Takes one slot of every budget a channel declares, for one send to `personId`. The ledger takes
 * one key at a time, so a later refusal leaves the earlier slots taken: that over-counts (never
 * exceeds). Budgets are tried in the order most likely to refuse first (per recipient before per
 * channel, short windows before long ones) so the slot lost is short-lived and rare.
 */
export async function takeBudgets(
  ledger: BudgetLedger,
  channel: ChannelName,
  budgets: readonly SendBudget[],
  personId: string,
  now: Date,
): Promise<BudgetsTake> {
  for (const budget of orderBudgets(budgets)) {
    const key =
      budget.scope === "recipient" ? `${channel}:${budget.name}:${personId}` : `${channel}:${budget.name}`;
    const taken = await ledger.take(key, budget.limit, budget.windowMs, now);
    if (!taken.ok) return { ok: false, retryAt: taken.retryAt, budget, key };
  }
  return { ok: true };
}

function orderBudgets(budgets: readonly SendBudget[]): SendBudget[] {
  const rank = (b: SendBudget) => (b.scope === "recipient" ? 0 : 1);
  return [...budgets].sort((a, b) => rank(a) - rank(b) || a.windowMs - b.windowMs);
}
