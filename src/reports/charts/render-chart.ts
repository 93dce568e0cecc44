import type { EChartsOption } from "echarts";
import { type ChartRenderer, createChartRenderer } from "./chart-renderer.js";
import type { RenderedChart } from "./draw-chart.js";
import { findChartFont } from "./find-chart-font.js";

export type { RenderedChart } from "./draw-chart.js";

let renderer: ChartRenderer | undefined;

/**
 * Draws `options` as SVG with ECharts' server-side renderer and rasterises it with resvg: no
 * browser, no network. Both run in the chart renderer, a child process started on the first chart
 * and gone after a quiet while, so that the service's own memory stays flat (chart-renderer.ts).
 * Throws ChartFontError when no CJK font is installed, before starting anything, and
 * ChartRenderError when the renderer fails, hangs or dies on this chart.
 */
export async function renderChart(
  options: EChartsOption,
  size: { width: number; height: number },
  env: NodeJS.ProcessEnv = process.env,
): Promise<RenderedChart> {
  const font = findChartFont(env);
  renderer ??= createChartRenderer();
  return renderer.render(options, size, font);
}
