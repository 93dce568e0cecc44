import type { RegistryDocument, Section, Task } from "../../registry/registry.js";
import { messages } from "../../templates/template-store.js";
import { type HistoryRow, reportRow, requestRows } from "./history-row.js";
import { type LedgerRow, toLedgerRow } from "./ledger-row.js";
import type { LedgerSources, LedgerStore } from "./ledger-sources.js";
import { loadOverview } from "./load-overview.js";
import { storeAsOf } from "./store-as-of.js";

const m = messages("ledger");

/**
 * The store with each task's history and the requests read once: the standings read them per
 * task, and the history sheet reads them all again (for 10,000 task-units, a second pass of
 * parsing every record). The ledger only reads, so nothing read can go stale while it is built.
 */
function readOnce(store: LedgerStore): LedgerStore {
  const histories = new Map<number, ReturnType<LedgerStore["progress"]["history"]>>();
  const requestLists = new Map<string, ReturnType<LedgerStore["requests"]["list"]>>();
  return {
    ...store,
    progress: {
      history: (taskNo, unit) => {
        if (unit !== undefined) return store.progress.history(taskNo, unit);
        let read = histories.get(taskNo);
        if (read === undefined) {
          read = store.progress.history(taskNo);
          histories.set(taskNo, read);
        }
        return read;
      },
    },
    requests: {
      list: (filter = {}) => {
        const key = JSON.stringify(filter);
        let read = requestLists.get(key);
        if (read === undefined) {
          read = store.requests.list(filter);
          requestLists.set(key, read);
        }
        return read;
      },
    },
  };
}

/** Everything the workbook shows, judged on one day. */
export interface Ledger {
  document: RegistryDocument;
  /** The day the ledger is as of (YYYY-MM-DD, Beijing time). */
  date: string;
  sections: Section[];
  tasks: Task[];
  /** One row per task and unit, in the registry's order. */
  rows: LedgerRow[];
  /** Every progress record, request and decision on the registry's tasks, oldest first. */
  history: HistoryRow[];
}

/**
 * Reads the ledger as of the end of `date`: the standings the chat commands compute (lights,
 * states, deadlines in force), and the history of every task. Undefined before any import.
 */
export async function collectLedger(sources: LedgerSources, date: string): Promise<Ledger | undefined> {
  const store = readOnce(storeAsOf(sources.store, date));
  const asOf = { ...sources, store };
  const current = await store.registry.current();
  const overview = await loadOverview(asOf, date);
  if (!current || !overview) return undefined;
  const { registry } = current;
  const sectionName = new Map(registry.sections.map((s) => [s.title, m("sectionName", s)]));
  const rows = overview.standings.map((standing) =>
    toLedgerRow(standing, {
      date,
      year: registry.document.year,
      section: sectionName.get(standing.task.section) ?? standing.task.section,
      calendar: sources.calendar,
    }),
  );
  const history: HistoryRow[] = [];
  const byNo = new Map(registry.tasks.map((t) => [t.no, t]));
  for (const task of registry.tasks)
    for (const report of await store.progress.history(task.no))
      history.push(reportRow(report, task, sources.people));
  for (const request of await store.requests.list()) {
    const task = byNo.get(request.taskNo);
    if (task) history.push(...requestRows(request, task, sources.people));
  }
  return {
    document: registry.document,
    date,
    sections: registry.sections,
    tasks: registry.tasks,
    rows,
    history: oldestFirst(history),
  };
}

/**
 * The rows by time, then task. Stable: what happened at the same instant keeps the order it was
 * read in (report, then request). Each instant is parsed once, not at every comparison (20,000
 * rows make some 600,000 comparisons).
 */
function oldestFirst(rows: HistoryRow[]): HistoryRow[] {
  const keyed = rows.map((row) => ({ row, at: Date.parse(row.at) }));
  keyed.sort((a, b) => a.at - b.at || a.row.task.no - b.row.task.no);
  return keyed.map((k) => k.row);
}
