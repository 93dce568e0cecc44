import { plainDate } from "../../calendar/format-dates.js";
import type { WorkCalendar } from "../../calendar/work-calendar.js";
import { shortTitle } from "../../registry/short-title.js";
import {
  type SectionLights,
  sectionLightsChart,
  sectionLightsSize,
} from "../../reports/charts/section-lights-chart.js";
import { message, messages } from "../../templates/template-store.js";
import type { Viewer } from "../viewer.js";
import { chartBlock } from "./chart-block.js";
import { type Html, html } from "./escape-html.js";
import { paceChartBlock, paceOn, paceRows } from "./pace-rows.js";
import { tablePath, taskPath, WEB_PREFIX } from "./paths.js";
import type { TableFilters } from "./table-filters.js";
import type { Board, TaskLight, TaskRow } from "./task-rows.js";

const m = messages("web");

/** Units named in a row before "等N个单位"; reasons shown before the rest is left to the task page. */
const UNITS_NAMED = 3;
const REASONS_SHOWN = 3;

/** The words of a task's light. */
export function lightWord(light: TaskLight): string {
  if (light === "red") return m("dashLightRed");
  if (light === "yellow") return m("dashLightYellow");
  if (light === "green") return m("dashLightGreen");
  return m("dashLightCompleted");
}

/** The light as a badge (its colour from the stylesheet, its word for who cannot see colours). */
export function lightBadge(light: TaskLight): Html {
  return html`<span class="light light-${light}">${lightWord(light)}</span>`;
}

export interface TablePage {
  board: Board;
  /** The tasks the viewer may see, and those the filters let through. */
  visible: TaskRow[];
  shown: TaskRow[];
  filters: TableFilters;
  viewer: Viewer;
  calendar: WorkCalendar;
}

/** The body of /web: counts, the filter form, the table and the week's charts. */
export function tableBody(page: TablePage): Html {
  const { board, shown, viewer } = page;
  return html`<h1>${m("dashTitle")}<small>${m("dashAsOf", { date: plainDate(board.date) })}</small></h1>
${counts(page.visible)}
${filterForm(page)}
<p class="shown">${m("dashFilterShown", { shown: shown.length })}${
    viewer.roles.includes("admin")
      ? html` <a class="button" href="${WEB_PREFIX}/export.xlsx">${m("dashExport")}</a>`
      : ""
  }</p>
${shown.length === 0 ? html`<p class="empty">${m("dashNoTasks")}</p>` : table(board, shown)}
${charts(page)}`;
}

function counts(rows: readonly TaskRow[]): Html {
  const count = (light: TaskLight) => rows.filter((r) => r.light === light).length;
  const item = (light: TaskLight, key: string) =>
    html`<li><a class="count count-${light}" href="${tablePath({ light })}">${m(key, { count: count(light) })}</a></li>`;
  return html`<ul class="counts">
<li><a class="count" href="${tablePath()}">${m("dashCountTotal", { count: rows.length })}</a></li>
${item("red", "dashCountRed")}${item("yellow", "dashCountYellow")}${item("green", "dashCountGreen")}${item("completed", "dashCountCompleted")}
</ul>`;
}

function filterForm({ board, visible, filters }: TablePage): Html {
  const sections = board.sections.filter((s) => visible.some((r) => r.task.section === s.title));
  const leaders = [...new Set(visible.flatMap((r) => r.task.leaders))].sort((a, b) =>
    a.localeCompare(b, "zh"),
  );
  const units = [...new Set(visible.flatMap((r) => r.standings.map((s) => s.unit)))].sort((a, b) =>
    a.localeCompare(b, "zh"),
  );
  const select = (name: string, label: string, options: { value: string; text: string }[], chosen?: string) =>
    html`<label>${label}<select name="${name}"><option value="">${m("dashFilterAll")}</option>${options.map(
      (o) => html`<option value="${o.value}"${o.value === chosen ? html` selected` : ""}>${o.text}</option>`,
    )}</select></label>`;
  const lights: TaskLight[] = ["red", "yellow", "green", "completed"];
  return html`<form class="filters" method="get" action="${WEB_PREFIX}">
${select(
  "section",
  m("dashFilterSection"),
  sections.map((s) => ({ value: s.title, text: message("ledger", "sectionName", s) })),
  filters.section,
)}
${select(
  "leader",
  m("dashFilterLeader"),
  leaders.map((l) => ({ value: l, text: l })),
  filters.leader,
)}
${select(
  "unit",
  m("dashFilterUnit"),
  units.map((u) => ({ value: u, text: board.short(u) })),
  filters.unit,
)}
${select(
  "light",
  m("dashFilterLight"),
  lights.map((l) => ({ value: l, text: lightWord(l) })),
  filters.light,
)}
<label class="check"><input type="checkbox" name="overdue" value="1"${filters.overdue ? html` checked` : ""}>${m("dashFilterOverdue")}</label>
<label class="search">${m("dashFilterSearch")}<input type="search" name="q" value="${filters.q ?? ""}" placeholder="${m("dashFilterSearchHint")}"></label>
<div class="actions"><button type="submit">${m("dashFilterApply")}</button><a class="button secondary" href="${WEB_PREFIX}">${m("dashFilterReset")}</a></div>
</form>`;
}

function table(board: Board, rows: readonly TaskRow[]): Html {
  return html`<div class="scroll"><table class="tasks">
<thead><tr><th>${m("dashColNo")}</th><th>${m("dashColTask")}</th><th>${m("dashColLight")}</th><th>${m("dashColReasons")}</th><th>${m("dashColLeaders")}</th><th>${m("dashColUnits")}</th><th>${m("dashColDeadline")}</th><th>${m("dashColProgress")}</th></tr></thead>
<tbody>
${rows.map((row) => tableRow(board, row))}
</tbody>
</table></div>`;
}

function tableRow(board: Board, row: TaskRow): Html {
  const { task } = row;
  const units = row.standings.map((s) => board.short(s.unit));
  const unitsText =
    units.slice(0, UNITS_NAMED).join(message("ledger", "listSeparator")) +
    (units.length > UNITS_NAMED ? m("dashUnitsMore", { count: units.length }) : "");
  const shares = row.units
    .filter(
      (u, i) =>
        row.standings[i]?.role === "host" && u.shares && u.shares !== message("ledger", "notMeasured"),
    )
    .map((u) => u.shares);
  return html`<tr class="row-${row.light}">
<td class="no"><a href="${taskPath(task.no)}">${task.no}</a></td>
<td class="text"><a href="${taskPath(task.no)}">${shortTitle(task)}</a></td>
<td>${lightBadge(row.light)}${row.overdue ? html` <span class="overdue">${m("dashOverdueMark")}</span>` : ""}</td>
<td class="reasons">${row.reasons.slice(0, REASONS_SHOWN).map((r) => html`<div>${r}</div>`)}${
    row.reasons.length > REASONS_SHOWN
      ? html`<div>${m("dashUnitsMore", { count: row.reasons.length })}</div>`
      : ""
  }</td>
<td>${task.leaders.join(message("ledger", "listSeparator")) || m("dashNoLeader")}</td>
<td>${unitsText}</td>
<td class="date">${row.deadlines.map((d) => html`<div>${plainDate(d)}</div>`)}</td>
<td>${m("dashProgressDone", { done: row.hostsDone, total: row.hosts })}${shares.map((s) => html`<div>${s}</div>`)}</td>
</tr>`;
}

/** The section lights and the pace of what the table shows: the bulletin's and the digest's charts. */
function charts(page: TablePage): Html | "" {
  const { board, shown } = page;
  if (shown.length === 0) return "";
  const lights: SectionLights[] = board.sections
    .map((section) => {
      const row = {
        section: message("ledger", "sectionName", section),
        green: 0,
        yellow: 0,
        red: 0,
        completed: 0,
      };
      for (const r of shown) if (r.task.section === section.title) row[r.light]++;
      return row;
    })
    .filter((row) => row.green + row.yellow + row.red + row.completed > 0);
  const pace = paceChartBlock(
    "chart-pace",
    paceRows(shown, board.short),
    paceOn(board, page.calendar),
    m("dashPaceChartTitle"),
  );
  return html`<section class="charts"><h2>${m("dashChartsTitle")}</h2>
<noscript><p>${m("dashChartFallback")}</p></noscript>
${chartBlock("chart-lights", sectionLightsChart(lights, m("dashLightsChartTitle")), sectionLightsSize(lights).height)}
${pace}
</section>`;
}
