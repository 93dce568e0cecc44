import type { EChartsOption } from "echarts";
import { messages } from "../../templates/template-store.js";
import { barChartFrame } from "./bar-chart-frame.js";
import { CHART_WIDTH, COLORS, chartHeight, FONT } from "./chart-style.js";
import { shortLabel } from "./short-label.js";

const m = messages("charts");

/** One section of the registry: how many of its tasks show each light, and how many are done. */
export interface SectionLights {
  section: string;
  green: number;
  yellow: number;
  red: number;
  completed?: number;
}

const KINDS = ["green", "yellow", "red", "completed"] as const;

/**
 * The lights of each section as one horizontal stacked bar, sections top to bottom in the
 * registry's order, each segment labelled with its count and the bar with its total. Pure, and
 * plain JSON: the web console can hand the same options to a browser chart.
 */
export function sectionLightsChart(rows: SectionLights[], title = m("lightsTitle")): EChartsOption {
  const words = { green: m("green"), yellow: m("yellow"), red: m("red"), completed: m("completed") };
  const totals = rows.map((row) => KINDS.reduce((sum, kind) => sum + (row[kind] ?? 0), 0));
  return {
    ...barChartFrame({
      title,
      legend: KINDS.map((kind) => words[kind]),
      axisName: m("lightsAxis"),
      categories: rows.map((row) => shortLabel(row.section)),
      valueAxis: { minInterval: 1 },
    }),
    series: [
      ...KINDS.map((kind) => ({
        type: "bar" as const,
        name: words[kind],
        stack: "lights",
        barMaxWidth: 26,
        itemStyle: { color: COLORS[kind] },
        label: { show: true, fontSize: FONT.value, color: kind === "yellow" ? COLORS.text : "#ffffff" },
        // An empty segment gets no label: ECharts would print a lone 0 over the next one.
        data: rows.map((row) => {
          const value = row[kind] ?? 0;
          return value > 0 ? value : { value, label: { show: false } };
        }),
      })),
      {
        // The bar's total at its end: an empty bar stacked last, labelled to its right. Plain data,
        // no formatter function, so the options stay JSON for a browser.
        type: "bar" as const,
        name: "total",
        stack: "lights",
        silent: true,
        label: {
          show: true,
          position: "right",
          fontSize: FONT.value,
          fontWeight: "bold",
          color: COLORS.text,
        },
        data: totals.map((total) => ({ value: 0, label: { formatter: String(total) } })),
      },
    ],
  };
}

/** The image size for `rows` sections. */
export function sectionLightsSize(rows: SectionLights[]): { width: number; height: number } {
  return { width: CHART_WIDTH, height: chartHeight(rows.length) };
}
