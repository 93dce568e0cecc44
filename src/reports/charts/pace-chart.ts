import type { EChartsOption } from "echarts";
import { messages } from "../../templates/template-store.js";
import { barChartFrame, NOTE_HEIGHT } from "./bar-chart-frame.js";
import { CHART_WIDTH, COLORS, chartHeight, FONT, percent } from "./chart-style.js";
import { shortLabel } from "./short-label.js";

const m = messages("charts");

/** One task (or indicator): its completion as a share of its target, in percent. */
export interface PaceRow {
  label: string;
  share: number;
}

const PACE_LABEL = 14;

/** More bars than this and the labels no longer fit a phone's screen. */
export const PACE_CHART_LIMIT = 15;

/**
 * Each task's completion as a horizontal bar against 序时进度 (`pace`, 0–100), drawn as a labelled
 * line: bars at or above it green, behind it red. Over `limit` tasks, the ones furthest behind
 * are drawn (those the office has to chase), in the given order, and a note counts the rest.
 * Pure, and plain JSON: the web console can hand the same options to a browser chart.
 */
export function paceChart(
  rows: PaceRow[],
  pace: number,
  title = m("paceTitle"),
  limit = PACE_CHART_LIMIT,
): EChartsOption {
  const shown = mostBehind(rows, limit);
  const hidden = rows.length - shown.length;
  const at = m("atPace");
  const behind = m("behindPace");
  const bar = (name: string, color: string, keep: (row: PaceRow) => boolean) => ({
    type: "bar" as const,
    name,
    // One stack: each task has its value in exactly one of the two series, so the bars line up.
    stack: "share",
    barMaxWidth: 22,
    itemStyle: { color },
    // White behind the number, so the pace line crossing it does not strike it through.
    label: {
      show: true,
      position: "right" as const,
      fontSize: FONT.value,
      color: COLORS.text,
      backgroundColor: "#ffffff",
      padding: [1, 2],
    },
    data: shown.map((row) =>
      keep(row) ? { value: round(row.share), label: { formatter: `${percent(row.share)}%` } } : "-",
    ),
  });
  const top = Math.max(100, ...shown.map((row) => row.share));
  return {
    ...barChartFrame({
      title,
      note: hidden > 0 ? m("paceOthers", { count: hidden }) : undefined,
      legend: [at, behind],
      axisName: m("paceAxis"),
      categories: shown.map((row) => shortLabel(row.label)),
      valueAxis: { min: 0, max: Math.ceil(top / 20) * 20, interval: 20 },
      // Room for the pace line's label above the bars.
      extraTop: PACE_LABEL,
    }),
    series: [
      // Compared as shown (one decimal), so a bar labelled as the pace line is never red.
      bar(at, COLORS.green, (row) => round(row.share) >= round(pace)),
      bar(behind, COLORS.red, (row) => round(row.share) < round(pace)),
      {
        // The pace line on a series of its own, drawn under the bars' labels (z 2), whose white
        // background then keeps a number legible where the line crosses it.
        type: "line" as const,
        name: "pace",
        z: 1,
        data: [],
        markLine: {
          z: 1,
          silent: true,
          symbol: "none",
          lineStyle: { color: COLORS.pace, type: "dashed", width: 2 },
          label: {
            // The axis is inverted (first task on top), so the line starts at the top of the bars.
            position: "start",
            formatter: m("paceLine", { pace: percent(pace) }),
            fontSize: FONT.value,
            fontWeight: "bold",
            color: COLORS.pace,
          },
          data: [{ xAxis: round(pace) }],
        },
      },
    ],
  };
}

/** The image size for `rows` tasks (the chart draws at most `limit` of them). */
export function paceSize(rows: PaceRow[], limit = PACE_CHART_LIMIT): { width: number; height: number } {
  const shown = Math.min(rows.length, limit);
  return {
    width: CHART_WIDTH,
    height: chartHeight(shown) + PACE_LABEL + (rows.length > shown ? NOTE_HEIGHT : 0),
  };
}

/** The `limit` rows with the lowest shares, kept in their order. */
function mostBehind(rows: PaceRow[], limit: number): PaceRow[] {
  if (rows.length <= limit) return rows;
  const kept = new Set(
    rows
      .map((row, index) => ({ share: row.share, index }))
      .sort((a, b) => a.share - b.share || a.index - b.index)
      .slice(0, limit)
      .map((entry) => entry.index),
  );
  return rows.filter((_, index) => kept.has(index));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
