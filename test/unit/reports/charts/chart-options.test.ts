import { describe, expect, it } from "vitest";
import { paceChart, paceSize } from "../../../../src/reports/charts/pace-chart.js";
import { sectionLightsChart } from "../../../../src/reports/charts/section-lights-chart.js";
import { shortLabel } from "../../../../src/reports/charts/short-label.js";

type Series = { name: string; data: unknown[]; markLine?: { data: unknown[]; label: { formatter: string } } };
const seriesOf = (options: object) => (options as { series: Series[] }).series;
const categories = (options: object) => (options as { yAxis: { data: string[] } }).yAxis.data;

describe("shortLabel", () => {
  it("keeps a section's number and first clause, and cuts what is still long", () => {
    expect(shortLabel("二、抓好常态化疫情防控，确保人民群众生命健康安全")).toBe("二、抓好常态化疫情防控");
    expect(shortLabel("三、推动经济高质量发展")).toBe("三、推动经济高质量发展");
    expect(shortLabel("一、总体要求和主要预期目标")).toBe("一、总体要求和主要预期…");
    expect(shortLabel("  九、加强政府自身建设 ")).toBe("九、加强政府自身建设");
  });
});

describe("sectionLightsChart", () => {
  const options = sectionLightsChart([
    { section: "二、抓好常态化疫情防控，确保人民群众生命健康安全", green: 3, yellow: 0, red: 1 },
    { section: "三、推动经济高质量发展", green: 12, yellow: 4, red: 2, completed: 3 },
  ]);

  it("stacks green, yellow, red and completed per section, with each bar's total", () => {
    expect(categories(options)).toEqual(["二、抓好常态化疫情防控", "三、推动经济高质量发展"]);
    const series = seriesOf(options);
    expect(series.map((s) => s.name)).toEqual(["绿灯", "黄灯", "红灯", "已办结", "total"]);
    expect(series[0]?.data).toEqual([3, 12]);
    // An empty segment has no label: a lone 0 would sit over the next segment.
    expect(series[1]?.data[0]).toEqual({ value: 0, label: { show: false } });
    expect(series[4]?.data).toEqual([
      { value: 0, label: { formatter: "4" } },
      { value: 0, label: { formatter: "21" } },
    ]);
  });

  it("is plain JSON, for a browser to draw the same chart", () => {
    expect(JSON.parse(JSON.stringify(options))).toEqual(options);
  });
});

describe("paceChart", () => {
  const rows = Array.from({ length: 20 }, (_, i) => ({ label: `任务${i + 1}`, share: (i * 37) % 100 }));

  it("colours each bar by whether it reaches 序时进度, drawn as a line with its value", () => {
    const options = paceChart(
      [
        { label: "甲", share: 80 },
        { label: "乙", share: 75 },
        { label: "丙", share: 74.96 },
        { label: "丁", share: 74.9 },
      ],
      75,
    );
    const [at, behind, line] = seriesOf(options);
    expect(at?.name).toBe("达到序时进度");
    // Compared as shown, to one decimal: 74.96 reads "75%", the pace, so it is not drawn behind.
    expect(at?.data).toEqual([
      { value: 80, label: { formatter: "80%" } },
      { value: 75, label: { formatter: "75%" } },
      { value: 75, label: { formatter: "75%" } },
      "-",
    ]);
    expect(behind?.data).toEqual(["-", "-", "-", { value: 74.9, label: { formatter: "74.9%" } }]);
    expect(line?.markLine?.data).toEqual([{ xAxis: 75 }]);
    expect(line?.markLine?.label.formatter).toBe("序时进度75%");
    expect(JSON.parse(JSON.stringify(options))).toEqual(options);
  });

  it("draws at most 15 tasks, those furthest behind in their order, and counts the rest", () => {
    const options = paceChart(rows, 60);
    const shown = categories(options);
    expect(shown).toHaveLength(15);
    const shares = new Map(rows.map((row) => [row.label, row.share]));
    const highestShown = Math.max(...shown.map((label) => shares.get(label) ?? 0));
    const left = rows.filter((row) => !shown.includes(row.label));
    expect(left.every((row) => row.share >= highestShown)).toBe(true);
    expect(shown).toEqual(rows.map((row) => row.label).filter((label) => shown.includes(label)));
    expect((options as { title: { subtext: string } }).title.subtext).toBe(
      "仅列出完成率最低的任务，其余5项未列出",
    );
    expect(paceSize(rows).height).toBeGreaterThan(paceSize(rows.slice(0, 15)).height);
  });

  it("widens the axis past 100% for a task done beyond its target", () => {
    const axis = (options: object) => (options as { xAxis: { max: number } }).xAxis.max;
    expect(axis(paceChart([{ label: "甲", share: 50 }], 40))).toBe(100);
    expect(axis(paceChart([{ label: "甲", share: 130 }], 40))).toBe(140);
  });
});
