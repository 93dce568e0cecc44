import type { EChartsOption } from "echarts";
import type { ChartFont } from "./find-chart-font.js";

export interface RenderedChart {
  svg: string;
  png: Uint8Array;
  /** The PNG's size in pixels (twice the chart's, for a phone's screen). */
  width: number;
  height: number;
}

/** Pixels per chart unit: sharp on a phone, and a flat chart stays far below WeCom's 2 MB. */
const PIXEL_RATIO = 2;

/**
 * Draws `options` as SVG with ECharts' server-side renderer and rasterises it with resvg in `font`:
 * no browser, no network. Runs in the chart renderer's child process (see chart-renderer.ts), where
 * both libraries load on its first chart. ECharts loads from its single-file build, which starts in
 * about a quarter of the time of its 300-module ESM tree.
 */
export async function drawChart(
  options: EChartsOption,
  size: { width: number; height: number },
  font: ChartFont,
): Promise<RenderedChart> {
  const [echarts, resvg] = await Promise.all([loadEcharts(), import("@resvg/resvg-js")]);
  const chart = echarts.init(null, null, {
    renderer: "svg",
    ssr: true,
    width: size.width,
    height: size.height,
  });
  let svg: string;
  try {
    chart.setOption({
      ...options,
      animation: false,
      textStyle: { ...options.textStyle, fontFamily: font.family },
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  // Off the event loop: with a 20 MB CJK collection resvg spends some 25 ms on every text element
  // (a chart has 40–80), which would hold up the child's answers to the service meanwhile.
  const image = await resvg.renderAsync(svg, {
    fitTo: { mode: "width", value: size.width * PIXEL_RATIO },
    background: "#ffffff",
    font: {
      loadSystemFonts: false,
      fontFiles: font.boldPath ? [font.path, font.boldPath] : [font.path],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
    },
  });
  return { svg, png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

type Echarts = typeof import("echarts");

/** The path is held in a variable: the single-file build ships no types of its own. */
async function loadEcharts(): Promise<Echarts> {
  const bundle: string = "echarts/dist/echarts.esm.min.mjs";
  return (await import(bundle)) as Echarts;
}
