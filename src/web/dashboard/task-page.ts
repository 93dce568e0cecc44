import { cycleInWords, plainDate } from "../../calendar/format-dates.js";
import type { WorkCalendar } from "../../calendar/work-calendar.js";
import { BUSINESS_OFFSET_MS } from "../../shared/clock.js";
import { message, messages } from "../../templates/template-store.js";
import { type Html, html } from "./escape-html.js";
import { paceChartBlock, paceOn, paceRows } from "./pace-rows.js";
import { WEB_PREFIX } from "./paths.js";
import { lightBadge } from "./table-page.js";
import type { TaskEvents } from "./task-events.js";
import type { Board, TaskRow } from "./task-rows.js";

const m = messages("web");
const list = (items: readonly string[]) => items.join(message("ledger", "listSeparator"));

/** The body of /web/tasks/:no: the task, its units, indicators and pace, and all that happened. */
export function taskBody(board: Board, row: TaskRow, events: TaskEvents, calendar: WorkCalendar): Html {
  const { task } = row;
  const pace = paceOn(board, calendar, row.deadlines[0] ?? task.deadline);
  const rows = paceRows([row], board.short);
  return html`<p class="back"><a href="${WEB_PREFIX}">${m("dashBackToTable")}</a></p>
<h1>${m("dashTaskTitle", { no: task.no })} ${lightBadge(row.light)}<small>${m("dashAsOf", { date: plainDate(board.date) })}</small></h1>
<dl class="facts">
<dt>${m("dashTaskText")}</dt><dd class="task-text">${task.text}</dd>
<dt>${m("dashTaskSection")}</dt><dd>${row.section}</dd>
<dt>${m("dashTaskLeaders")}</dt><dd>${list(task.leaders) || m("dashNoLeader")}</dd>
<dt>${m("dashTaskDeadline")}</dt><dd>${list(row.deadlines.map(plainDate))} ${m("dashTaskPace", { pace: Math.round(pace * 10) / 10 })}</dd>
</dl>
${units(row)}
${indicators(row)}
${paceChartBlock("chart-task-pace", rows, pace, m("dashTaskPaceChartTitle", { no: task.no }))}
${history(events)}
${reminders(events, board)}
${urges(events)}`;
}

/** Multi-line ledger cells, one line each. */
const lines = (text: string) => text.split("\n").map((line) => html`<div>${line}</div>`);

function units(row: TaskRow): Html {
  return html`<h2>${m("dashUnitsTitle", { count: row.units.length })}</h2>
<div class="scroll"><table>
<thead><tr><th>${m("dashColUnit")}</th><th>${m("dashColRole")}</th><th>${m("dashColState")}</th><th>${m("dashColLight")}</th><th>${m("dashColReasons")}</th><th>${m("dashColDeadline")}</th><th>${m("dashColLastReport")}</th></tr></thead>
<tbody>${row.units.map(
    (u) => html`<tr>
<td>${u.unit}</td><td>${u.role}</td><td>${u.state}</td><td>${lightBadge(u.light)}</td><td class="reasons">${u.reasons}</td>
<td class="date">${plainDate(u.deadline)}${u.extensions ? html`<div class="note">${u.extensions}</div>` : ""}</td>
<td>${u.lastReportAt ? html`<div class="note">${dateTime(u.lastReportAt)}</div>` : ""}${u.lastReport}</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

function indicators(row: TaskRow): Html {
  const hosts = row.units.filter((_, i) => row.standings[i]?.role === "host");
  if (row.task.indicators.length === 0)
    return html`<h2>${m("dashIndicatorsTitle")}</h2><p class="empty">${m("dashNoIndicators")}</p>`;
  return html`<h2>${m("dashIndicatorsTitle")}</h2>
<div class="scroll"><table>
<thead><tr><th>${m("dashColUnit")}</th><th>${m("dashColIndicator")}</th><th>${m("dashColTarget")}</th><th>${m("dashColActual")}</th><th>${m("dashColShare")}</th></tr></thead>
<tbody>${hosts.map(
    (u) =>
      html`<tr><td>${u.unit}</td><td>${lines(u.indicators)}</td><td>${lines(u.targets)}</td><td>${lines(u.actuals)}</td><td>${lines(u.shares)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

function history({ history }: TaskEvents): Html {
  return html`<h2>${m("dashHistoryTitle", { count: history.length })}</h2>
${
  history.length === 0
    ? html`<p class="empty">${m("dashNoHistory")}</p>`
    : html`<div class="scroll"><table class="history">
<thead><tr><th>${m("dashColTime")}</th><th>${m("dashColUnit")}</th><th>${m("dashColEvent")}</th><th>${m("dashColPerson")}</th><th>${m("dashColCycle")}</th><th>${m("dashColContent")}</th></tr></thead>
<tbody>${history.map(
        (h) =>
          html`<tr><td class="date">${dateTime(h.at)}</td><td>${h.unit}</td><td>${h.event}</td><td>${h.person}</td><td>${h.cycle}</td><td class="content">${h.content}</td></tr>`,
      )}</tbody>
</table></div>`
}`;
}

function reminders({ reminders }: TaskEvents, board: Board): Html {
  return html`<h2>${m("dashRemindersTitle", { count: reminders.length })}</h2>
${
  reminders.length === 0
    ? html`<p class="empty">${m("dashNoReminders")}</p>`
    : html`<div class="scroll"><table>
<thead><tr><th>${m("dashColTime")}</th><th>${m("dashColUnit")}</th><th>${m("dashColRecipient")}</th><th>${m("dashColStep")}</th><th>${m("dashColCycle")}</th></tr></thead>
<tbody>${reminders.map(
        (r) =>
          html`<tr><td class="date">${dateTime(r.at)}</td><td>${board.short(r.unit)}</td><td>${r.recipient}</td><td>${stepWord(r.step)}</td><td>${r.cycle ? cycleInWords(r.cycle) : ""}</td></tr>`,
      )}</tbody>
</table></div>`
}`;
}

function urges({ urges }: TaskEvents): Html {
  return html`<h2>${m("dashUrgesTitle", { count: urges.length })}</h2>
${urges.length === 0 ? html`<p class="empty">${m("dashNoUrges")}</p>` : html`<ul class="urges">${urges.map((u) => html`<li>${u}</li>`)}</ul>`}`;
}

function stepWord(step: string): string {
  if (step === "first") return m("dashStepFirst");
  if (step === "due") return m("dashStepDue");
  if (step === "overdue") return m("dashStepOverdue");
  if (step === "escalation") return m("dashStepEscalation");
  if (step === "co-request") return m("dashStepCoRequest");
  return m("dashStepOther");
}

/** An instant as Beijing time: 2021年3月24日 10:00. */
export function dateTime(instant: string): string {
  const local = new Date(Date.parse(instant) + BUSINESS_OFFSET_MS).toISOString();
  return m("dashDateTime", { date: plainDate(local.slice(0, 10)), time: local.slice(11, 16) });
}
