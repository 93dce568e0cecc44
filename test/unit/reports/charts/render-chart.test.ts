import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { paceImage, sectionLightsImage } from "../../../../src/reports/charts/chart-images.js";
import { ChartFontError, findChartFont } from "../../../../src/reports/charts/find-chart-font.js";
import type { RenderedChart } from "../../../../src/reports/charts/render-chart.js";
import { renderChart } from "../../../../src/reports/charts/render-chart.js";
import { sectionLightsChart } from "../../../../src/reports/charts/section-lights-chart.js";
import { readPng, svgTexts } from "../../../helpers/read-png.js";

const SECTIONS = [
  { section: "一、总体要求和主要预期目标", green: 5, yellow: 1, red: 0, completed: 2 },
  { section: "二、抓好常态化疫情防控，确保人民群众生命健康安全", green: 3, yellow: 2, red: 1 },
  { section: "三、推动经济高质量发展", green: 12, yellow: 4, red: 2, completed: 3 },
  { section: "四、建设生态宜居城市", green: 8, yellow: 0, red: 3, completed: 1 },
];

const TASKS = [
  { label: "地区生产总值增长7%左右", share: 95 },
  { label: "一般公共预算收入增长5%", share: 88 },
  { label: "规模以上工业增加值增长8%", share: 64.25 },
  { label: "新建改造农村公路120公里", share: 101 },
];

/** WeCom's group robot refuses images over 2 MB. */
const WECOM_IMAGE_LIMIT = 2 * 1024 * 1024;

describe("renderChart", () => {
  let lights: RenderedChart;
  let pace: RenderedChart;

  beforeAll(async () => {
    [lights, pace] = await Promise.all([sectionLightsImage(SECTIONS), paceImage(TASKS, 75.342)]);
    // To look at: the test leaves the images where a person can open them.
    writeFileSync(join(tmpdir(), "duban-chart-lights.png"), lights.png);
    writeFileSync(join(tmpdir(), "duban-chart-pace.png"), pace.png);
  }, 60_000);

  it("makes a whole PNG at twice the chart's width, well under WeCom's image limit", () => {
    for (const chart of [lights, pace]) {
      const png = readPng(chart.png);
      expect(png.width).toBe(1280);
      expect({ width: png.width, height: png.height }).toEqual({ width: chart.width, height: chart.height });
      expect(chart.png.length).toBeGreaterThan(10_000); // an empty white image is a few kB
      expect(chart.png.length).toBeLessThan(WECOM_IMAGE_LIMIT / 4);
    }
    // Four sections: title, legend, four bars and the axis.
    expect(lights.height).toBe(2 * (86 + 4 * 42 + 48));
  });

  it("draws the lights' section names, words and counts in the SVG", () => {
    const texts = svgTexts(lights.svg);
    expect(texts).toEqual(
      expect.arrayContaining(["各部分任务亮灯情况", "绿灯", "黄灯", "红灯", "已办结", "任务数（项）"]),
    );
    expect(texts).toEqual(expect.arrayContaining(["二、抓好常态化疫情防控", "三、推动经济高质量发展"]));
    // The counts of the third section and its total.
    expect(texts).toEqual(expect.arrayContaining(["12", "4", "2", "3", "21"]));
    expect(lights.svg).toContain(findChartFont().family);
  });

  it("draws 序时进度 with its value and each task's share in the SVG", () => {
    const texts = svgTexts(pace.svg);
    expect(texts).toEqual(
      expect.arrayContaining(["序时进度75.3%", "完成率（%）", "达到序时进度", "落后序时进度"]),
    );
    expect(texts).toEqual(expect.arrayContaining(["95%", "88%", "64.3%", "101%", "地区生产总值增长7%左右"]));
  });

  it("refuses without a CJK font, before loading anything", async () => {
    await expect(
      renderChart(
        sectionLightsChart(SECTIONS),
        { width: 640, height: 400 },
        { DUBAN_CHART_FONT: "/nowhere.ttc" },
      ),
    ).rejects.toBeInstanceOf(ChartFontError);
  });
});
