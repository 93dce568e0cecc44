/**
 * The digest's charts (issue 14): milliseconds to render each, the first with starting the chart
 * renderer (a child process that loads ECharts and resvg), then the median of a few; the PNG's size
 * against WeCom's 2 MB image limit; and the longest the service's event loop was held meanwhile
 * (ECharts and resvg run in the renderer: what is left here is sending the options and receiving
 * the PNG). Data of the seed registry's size: its nine sections, fifteen indicators.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { paceImage, sectionLightsImage } from "../src/reports/charts/chart-images.js";
import { median } from "./child-process.js";
import type { BenchResult } from "./run.js";

const ROUNDS = 5;
const WECOM_IMAGE_LIMIT = 2 * 1024 * 1024;

const SECTIONS = ["一", "二", "三", "四", "五", "六", "七", "八", "九"].map((no, i) => ({
  section: `${no}、推动经济高质量发展，加快新旧动能转换`,
  green: 3 + ((i * 5) % 9),
  yellow: i % 4,
  red: i % 3,
  completed: i % 2,
}));
const TASKS = Array.from({ length: 15 }, (_, i) => ({
  label: `新建改造农村公路${i + 1}0公里`,
  share: (i * 37) % 110,
}));

async function time(render: () => Promise<{ png: Uint8Array }>): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const { png } = await render();
  return { ms: performance.now() - start, bytes: png.length };
}

export default async function run(): Promise<BenchResult[]> {
  const group = "Charts";
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const first = await time(() => sectionLightsImage(SECTIONS));
  const lights: number[] = [];
  const pace: number[] = [];
  let bytes = first.bytes;
  for (let i = 0; i < ROUNDS; i++) {
    lights.push((await time(() => sectionLightsImage(SECTIONS))).ms);
    const p = await time(() => paceImage(TASKS, 75.3));
    pace.push(p.ms);
    bytes = Math.max(bytes, p.bytes);
  }
  loop.disable();
  const held = loop.max / 1e6;
  return [
    { group, name: "lights, 9 sections: first (starts the renderer)", value: first.ms, unit: "ms" },
    { group, name: "lights, 9 sections (median)", value: median(lights), unit: "ms" },
    { group, name: "pace, 15 tasks (median)", value: median(pace), unit: "ms" },
    {
      group,
      name: "largest PNG",
      value: bytes / 1024,
      unit: "KiB",
      target: "≤ 2 MiB (WeCom)",
      pass: bytes <= WECOM_IMAGE_LIMIT,
    },
    { group, name: "longest event-loop hold while rendering", value: held, unit: "ms" },
  ];
}
