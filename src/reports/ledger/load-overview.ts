import { loadOfficeOverview, type OfficeOverview } from "../../commands/office-overview.js";
import type { Turn } from "../../conversation/turn.js";
import type { LedgerSources } from "./ledger-sources.js";

/**
 * Every unit's standing on every task on `date`, exactly as /lights, /stats and /overdue judge it
 * (the same unit views, lights and dues: one computation for chat and ledger). loadOfficeOverview
 * takes a chat turn but reads only its date and these of its deps; the ledger has no turn, so it
 * hands over just those. Narrowing loadOfficeOverview's parameter to this shape would let the
 * compiler check it; until then the ledger's tests do (they run it over a real store).
 */
export async function loadOverview(
  sources: LedgerSources,
  date: string,
  only?: { taskNo: number },
): Promise<OfficeOverview | undefined> {
  const { store, directory, calendar, settings } = sources;
  const turn = { date, deps: { store, directory, calendar, settings } };
  return loadOfficeOverview(turn as unknown as Turn, only);
}
