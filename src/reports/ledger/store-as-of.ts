import { addDays } from "../../calendar/iso-date.js";
import type { WorkflowRequest } from "../../store/workflow-request.js";
import type { LedgerStore } from "./ledger-sources.js";

/**
 * The store as it stood at the end of `date` (Beijing time): reports and requests made later are
 * left out, and a request decided later is still waiting. So a ledger "as of" a past day shows
 * that day's lights, states and deadlines, not today's records judged on an old date. The
 * registry and the office's mutes are today's: neither keeps a history.
 */
export function storeAsOf(store: LedgerStore, date: string): LedgerStore {
  return storeAt(store, `${addDays(date, 1)}T00:00:00+08:00`);
}

/**
 * The store as it stood just before `instant`: what storeAsOf does for a day's end, for a moment
 * within a day (the weekly digest compares the lights of two send times).
 */
export function storeAt(store: LedgerStore, instant: string): LedgerStore {
  const cutoff = Date.parse(instant);
  const before = (instant: string) => Date.parse(instant) < cutoff;
  const asThen = (request: WorkflowRequest): WorkflowRequest => {
    if (!request.decision || before(request.decision.decidedAt)) return request;
    const { decision: _later, ...undecided } = request;
    return { ...undecided, status: "pending" };
  };
  return {
    registry: store.registry,
    overrides: store.overrides,
    progress: {
      history: async (taskNo, unit) =>
        (await store.progress.history(taskNo, unit)).filter((r) => before(r.reportedAt)),
    },
    requests: {
      list: async (filter = {}) => {
        const { status, ...rest } = filter;
        const then = (await store.requests.list(rest)).filter((r) => before(r.requestedAt)).map(asThen);
        return status === undefined ? then : then.filter((r) => r.status === status);
      },
    },
  };
}
