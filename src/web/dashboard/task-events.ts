import { taskUrges } from "../../commands/arrangements.js";
import type { Turn } from "../../conversation/turn.js";
import type { Task } from "../../registry/registry.js";
import { type HistoryRow, reportRow, requestRows } from "../../reports/ledger/history-row.js";
import type { DashboardSources } from "./dashboard-deps.js";

/** A reminder the ladder sent (or queued) about one unit of the task. */
export interface SentReminder {
  at: string;
  unit: string;
  /** The person it went to, by name. */
  recipient: string;
  step: string;
  cycle: string;
}

/** Everything that happened on a task: the ledger's history rows, the reminders and the urges. */
export interface TaskEvents {
  /** Reports, requests and decisions, oldest first, as the ledger's 记录 sheet words them. */
  history: HistoryRow[];
  /** Newest first. */
  reminders: SentReminder[];
  /** One line per urge (/remind, 一键催办), newest first, as /task words them. */
  urges: string[];
}

/** Reads a task's events from the store and the audit log, worded with the people's names. */
export async function loadTaskEvents(
  sources: DashboardSources,
  task: Task,
  date: string,
): Promise<TaskEvents> {
  const { store, people } = sources;
  const history: HistoryRow[] = [];
  for (const report of await store.progress.history(task.no)) history.push(reportRow(report, task, people));
  for (const request of await store.requests.list({ taskNo: task.no }))
    history.push(...requestRows(request, task, people));
  history.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const audit = await store.audit.query({ taskNo: task.no, order: "desc" });
  const reminders = audit
    .filter((e) => e.action === "reminder.enqueued")
    .map((e) => ({
      at: e.at,
      unit: e.unit ?? "",
      recipient: e.person ? (people.byId(e.person)?.name ?? e.person) : "",
      step: String(e.details.step ?? ""),
      cycle: String(e.details.cycle ?? ""),
    }));
  // /task's own wording of the urges; it reads only the turn's date and these deps (as the
  // ledger's loadOverview hands loadOfficeOverview a turn of its date and deps).
  const turn = { date, deps: { store, people, directory: sources.directory } } as unknown as Turn;
  return { history, reminders, urges: await taskUrges(turn, task.no) };
}
