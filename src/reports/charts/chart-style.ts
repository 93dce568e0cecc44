/**
 * The look shared by every chart: the office's light colours and type sizes for an image read on a
 * phone. A chart is drawn `CHART_WIDTH` wide and rasterised at twice that, so a 15 px label stays
 * legible when WeCom shows the picture across a phone's screen.
 */
export const CHART_WIDTH = 640;

export const COLORS = {
  green: "#2e9e5b",
  yellow: "#f0b400",
  red: "#d93a3a",
  completed: "#7f93ad",
  text: "#1f2d3d",
  muted: "#5c6b7a",
  grid: "#e3e7ec",
  pace: "#c23531",
} as const;

export const FONT = { title: 20, label: 15, axis: 13, value: 13 } as const;

/** Room above the bars for the title and the legend, and below them for the axis. */
export const MARGIN = { top: 86, bottom: 48, left: 16, right: 56 } as const;

/** Height of one bar's row: a bar and the space between bars. */
export const ROW_HEIGHT = 42;

/** Height for `rows` bars with the title, the legend and the axis. */
export function chartHeight(rows: number): number {
  return MARGIN.top + Math.max(1, rows) * ROW_HEIGHT + MARGIN.bottom;
}

/** Percentages as the office writes them: at most one decimal, no trailing ".0". */
export function percent(value: number): string {
  return String(Math.round(value * 10) / 10);
}
