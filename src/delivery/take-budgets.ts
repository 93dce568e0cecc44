import type { ChannelName, SendBudget } from "../channels/channel.js";
import type { BudgetLedger } from "./budget-ledger.js";

export type BudgetsTake = { ok: true } | { ok: false; retryAt: Date; budget: SendBudget; key: string };

/**
 * Takes one slot of every budget a channel declares, for one send to `personId`, all or none: a
 * refused send uses up no budget. The refusal names the budget that frees up last; on a tie, the
 * one listed first, so budgets go per recipient before per channel, short windows before long
 * ones (the budget a person's own burst hits is the one worth naming).
 */
export async function takeBudgets(
  ledger: BudgetLedger,
  channel: ChannelName,
  budgets: readonly SendBudget[],
  personId: string,
  now: Date,
): Promise<BudgetsTake> {
  if (budgets.length === 0) return { ok: true };
  const ordered = orderBudgets(budgets);
  const entries = ordered.map(({ name, scope, limit, windowMs }) => ({
    key: scope === "recipient" ? `${channel}:${name}:${personId}` : `${channel}:${name}`,
    limit,
    windowMs,
  }));
  const taken = await ledger.take(entries, now);
  if (taken.ok) return taken;
  const budget = ordered[entries.findIndex((e) => e.key === taken.key)];
  if (budget === undefined) throw new Error(`takeBudgets: the ledger named an unknown budget ${taken.key}`);
  return { ok: false, retryAt: taken.retryAt, budget, key: taken.key };
}

function orderBudgets(budgets: readonly SendBudget[]): SendBudget[] {
  const rank = (b: SendBudget) => (b.scope === "recipient" ? 0 : 1);
  return [...budgets].sort((a, b) => rank(a) - rank(b) || a.windowMs - b.windowMs);
}
