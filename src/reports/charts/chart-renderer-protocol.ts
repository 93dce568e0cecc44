import type { EChartsOption } from "echarts";
import type { RenderedChart } from "./draw-chart.js";
import type { ChartFont } from "./find-chart-font.js";

/**
 * What the service and its chart renderer (chart-renderer-child.ts) say to each other over IPC,
 * with Node's structured-clone serialisation: the PNG crosses as bytes, not as JSON numbers.
 */
export interface DrawRequest {
  id: number;
  options: EChartsOption;
  size: { width: number; height: number };
  font: ChartFont;
}

/** The chart, or why it could not be drawn, for the request of the same id. */
export type DrawReply = { id: number; chart: RenderedChart } | { id: number; error: string };

/** "ready" once, when the renderer has started; then one reply per request. */
export type RendererMessage = "ready" | DrawReply;
