import { plainDate } from "../../calendar/format-dates.js";
import type { WorkCalendar } from "../../calendar/work-calendar.js";
import type { UnitStanding } from "../../commands/office-overview.js";
import { computePace } from "../../lights/compute-pace.js";
import type { LightColor } from "../../lights/light.js";
import type { Task } from "../../registry/registry.js";
import { message, messages } from "../../templates/template-store.js";
import { describeReport } from "../../unit-view/describe-report.js";
import type { UnitView } from "../../unit-view/unit-view.js";
import { describeIndicators, type IndicatorCells } from "./indicator-cells.js";

const m = messages("ledger");

/** One unit's part in one task, as a row of the overview: the words and values of its cells. */
export interface LedgerRow extends IndicatorCells {
  task: Task;
  /** "二、抓好常态化疫情防控". */
  section: string;
  unit: string;
  role: string;
  /** The deadline in force (YYYY-MM-DD): the task's, or the last approved extension's. */
  deadline: string;
  /** The approved extensions and a waiting request, in words; "" when none. */
  extensions: string;
  /** 序时进度 on the ledger's day against the deadline in force, 0–100. */
  pace: number;
  state: string;
  light: LightColor;
  lightWord: string;
  reasons: string;
  /** When the latest report was made (an ISO instant). */
  lastReportAt?: string;
  lastReport: string;
}

/** templates/lights.yaml's colour words. */
const COLOR_KEY = { red: "red", yellow: "yellow", green: "green" } as const;

const STATE_KEY = {
  "awaiting-ack": "stateAwaitingAck",
  "in-progress": "stateInProgress",
  "completion-requested": "stateCompletionRequested",
  completed: "stateCompleted",
} as const;

/** The overview row of one standing, judged on `date` (the standing's light is that day's). */
export function toLedgerRow(
  standing: UnitStanding,
  context: { date: string; year: number; section: string; calendar: WorkCalendar },
): LedgerRow {
  const { view, light, task } = standing;
  const pace = computePace(context.calendar, {
    year: context.year,
    date: context.date,
    deadline: view.deadline,
  });
  return {
    task,
    section: context.section,
    unit: standing.unit,
    role: m(standing.role === "host" ? "roleHost" : "roleCo"),
    deadline: view.deadline,
    extensions: describeExtensions(view),
    ...describeIndicators(view),
    pace,
    state: returned(view) ? m("stateReturned") : m(STATE_KEY[view.state]),
    light: light.color,
    lightWord: message("lights", COLOR_KEY[light.color]),
    reasons: light.reasons.join(message("lights", "separator")),
    ...(view.latest ? { lastReportAt: view.latest.reportedAt } : {}),
    lastReport: view.latest ? describeReport(view.latest, task) : m("lastReportNone"),
  };
}

/** 退回: at work again because the office sent its last completion request back. */
function returned(view: UnitView): boolean {
  if (view.state !== "in-progress") return false;
  return view.requests.filter((r) => r.kind === "completion").at(-1)?.status === "returned";
}

/** "延期2次（原定2021年12月31日，延至2022年1月31日）", and a request still waiting. */
function describeExtensions(view: UnitView): string {
  const parts: string[] = [];
  if (view.extensions > 0)
    parts.push(
      m("extensionsApproved", {
        count: view.extensions,
        from: plainDate(view.task.deadline),
        to: plainDate(view.deadline),
      }),
    );
  for (const request of view.requests)
    if (request.kind === "extension" && request.status === "pending" && request.newDeadline)
      parts.push(m("extensionPending", { deadline: plainDate(request.newDeadline) }));
  return parts.join(m("contentSeparator"));
}
