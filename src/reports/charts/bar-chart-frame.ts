import type { EChartsOption, XAXisComponentOption } from "echarts";
import { COLORS, FONT, MARGIN } from "./chart-style.js";

/** Height of the note line under the title. */
export const NOTE_HEIGHT = 26;

/**
 * What both charts share: a title (with a note under it when given), a legend, a value axis along
 * the bottom and the categories (sections, tasks) top to bottom on the left, in the office's type
 * sizes and colours. The chart adds its series. `extraTop` is room it needs above the bars.
 */
export function barChartFrame(frame: {
  title: string;
  note?: string | undefined;
  legend: string[];
  axisName: string;
  categories: string[];
  valueAxis?: XAXisComponentOption;
  extraTop?: number;
}): EChartsOption {
  const noted = frame.note ? NOTE_HEIGHT : 0;
  return {
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { color: COLORS.text },
    title: {
      text: frame.title,
      left: "center",
      top: 14,
      textStyle: { fontSize: FONT.title, fontWeight: "bold", color: COLORS.text },
      ...(frame.note
        ? { subtext: frame.note, subtextStyle: { fontSize: FONT.axis, color: COLORS.muted }, itemGap: 6 }
        : {}),
    },
    legend: {
      top: 50 + noted,
      left: "center",
      itemWidth: 14,
      itemHeight: 14,
      itemGap: 20,
      textStyle: { fontSize: FONT.axis, color: COLORS.muted },
      data: frame.legend,
    },
    grid: { ...MARGIN, top: MARGIN.top + noted + (frame.extraTop ?? 0), containLabel: true },
    xAxis: {
      type: "value",
      name: frame.axisName,
      nameLocation: "middle",
      nameGap: 28,
      nameTextStyle: { fontSize: FONT.axis, color: COLORS.muted },
      axisLabel: { fontSize: FONT.axis, color: COLORS.muted },
      splitLine: { lineStyle: { color: COLORS.grid } },
      ...frame.valueAxis,
    } as XAXisComponentOption,
    yAxis: {
      type: "category",
      // The first row on top, as the registry and a list read.
      inverse: true,
      data: frame.categories,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.grid } },
      axisLabel: { fontSize: FONT.label, color: COLORS.text, margin: 10 },
    },
  };
}
