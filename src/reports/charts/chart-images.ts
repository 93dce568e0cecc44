import { type PaceRow, paceChart, paceSize } from "./pace-chart.js";
import { type RenderedChart, renderChart } from "./render-chart.js";
import { type SectionLights, sectionLightsChart, sectionLightsSize } from "./section-lights-chart.js";

/**
 * The two charts as images, for the digest and the bulletin: each builds its options and renders
 * them at the size its rows need. Both throw ChartFontError when no CJK font is installed; the
 * caller sends its text without the image then.
 */
export function sectionLightsImage(rows: SectionLights[], title?: string): Promise<RenderedChart> {
  return renderChart(sectionLightsChart(rows, title), sectionLightsSize(rows));
}

export function paceImage(rows: PaceRow[], pace: number, title?: string): Promise<RenderedChart> {
  return renderChart(paceChart(rows, pace, title), paceSize(rows));
}
