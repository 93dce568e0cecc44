import type { EChartsOption } from "echarts";
import type { WorkCalendar } from "../../calendar/work-calendar.js";
import { unitMeasures } from "../../lights/assess-unit.js";
import { computePace } from "../../lights/compute-pace.js";
import type { PaceRow } from "../../reports/charts/pace-chart.js";
import { paceChart, paceSize } from "../../reports/charts/pace-chart.js";
import { message } from "../../templates/template-store.js";
import { chartBlock } from "./chart-block.js";
import type { Html } from "./escape-html.js";
import type { Board, TaskRow } from "./task-rows.js";

/**
 * The share of each host unit's "at least" target reached, and its percent complete, for the
 * units still at work: the bars of the digest's pace chart, labelled as the digest labels them
 * ("第5项城镇新增就业"), with the unit's short name when a task has several hosts.
 */
export function paceRows(rows: readonly TaskRow[], short: (unit: string) => string): PaceRow[] {
  const out: PaceRow[] = [];
  for (const row of rows) {
    const hosts = row.standings.filter((s) => s.role === "host" && s.view.state !== "completed");
    for (const s of hosts) {
      const { view, task } = s;
      const label = (measure: string) => {
        const text = message("digest", "paceLabel", { taskNo: task.no, measure });
        return row.hosts > 1
          ? message("web", "dashPaceLabelUnit", { label: text, unit: short(s.unit) })
          : text;
      };
      // The shares the light is judged by, as the digest draws them ("" is the percent complete).
      for (const measure of unitMeasures(view).measures)
        out.push({
          label: label(measure.label === "" ? message("digest", "percentMeasure") : measure.label),
          share: measure.share,
        });
    }
  }
  return out;
}

/** 序时进度 on the board's day for a deadline (the year's end for the whole table). */
export function paceOn(board: Board, calendar: WorkCalendar, deadline = `${board.year}-12-31`): number {
  return computePace(calendar, { year: board.year, date: board.date, deadline });
}

/** The pace chart as a block for the page; nothing when no bar has a number. */
export function paceChartBlock(id: string, rows: PaceRow[], pace: number, title: string): Html | "" {
  if (rows.length === 0) return "";
  const option: EChartsOption = paceChart(rows, pace, title);
  return chartBlock(id, option, paceSize(rows).height);
}
