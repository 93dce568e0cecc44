import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { chartMessage } from "../../../../src/reports/charts/chart-message.js";
import {
  ChartRenderError,
  type ChartRenderer,
  type ChartRendererSettings,
  createChartRenderer,
  rendererEntry,
} from "../../../../src/reports/charts/chart-renderer.js";
import { findChartFont } from "../../../../src/reports/charts/find-chart-font.js";
import { sectionLightsChart } from "../../../../src/reports/charts/section-lights-chart.js";
import type { Logger } from "../../../../src/shared/logger.js";
import { readPng } from "../../../helpers/read-png.js";

const SCRIPTED = fileURLToPath(new URL("../../../fixtures/charts/scripted-renderer.ts", import.meta.url));
const HOLD = fileURLToPath(new URL("../../../fixtures/charts/hold-renderer.ts", import.meta.url));
const SIZE = { width: 640, height: 300 };
const FONT = { path: "/made-up.ttc", family: "Made Up" };

const renderers: ChartRenderer[] = [];
afterEach(async () => {
  await Promise.all(renderers.splice(0).map((renderer) => renderer.stop()));
});

function renderer(settings: ChartRendererSettings = {}): ChartRenderer {
  const made = createChartRenderer(settings);
  renderers.push(made);
  return made;
}

/** A renderer running the scripted child: the chart's title says what it does. */
function scripted(settings: ChartRendererSettings = {}): ChartRenderer {
  return renderer({ entry: { path: SCRIPTED, execArgv: rendererEntry().execArgv }, ...settings });
}

function draw(chart: ChartRenderer, script: string) {
  return chart.render({ title: { text: script } }, SIZE, FONT);
}

/** Running (a zombie, dead but not yet reaped, counts as gone). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function gone(pid: number, withinMs = 10_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe("the chart renderer", () => {
  it("draws real charts in one child process, several asked for at once queued to it", async () => {
    const charts = renderer();
    const font = findChartFont();
    const drawn = charts.render(
      sectionLightsChart([{ section: "一、总体要求", green: 2, yellow: 1, red: 0 }]),
      SIZE,
      font,
    );
    const pid = charts.pid;
    expect(pid).not.toBe(process.pid);
    const more = await Promise.all([
      drawn,
      charts.render(
        sectionLightsChart([{ section: "二、疫情防控", green: 1, yellow: 0, red: 3 }]),
        SIZE,
        font,
      ),
      charts.render(
        sectionLightsChart([{ section: "三、经济发展", green: 4, yellow: 2, red: 1 }]),
        SIZE,
        font,
      ),
    ]);
    for (const chart of more) expect(readPng(chart.png).width).toBe(1280);
    expect(more[1]?.svg).toContain("二、疫情防控");
    expect(charts.pid).toBe(pid);
  }, 60_000);

  it("exits after a quiet while, and the next chart starts another", async () => {
    const charts = scripted({ idleMs: 200 });
    await draw(charts, "one");
    const first = charts.pid as number;
    expect(await gone(first)).toBe(true);
    expect(charts.pid).toBeUndefined();
    await expect(draw(charts, "two")).resolves.toMatchObject({ svg: "<svg>two</svg>" });
    expect(charts.pid).not.toBe(first);
  });

  it("rejects the chart it was drawing when it dies, and draws the next in a new child", async () => {
    const charts = scripted();
    await draw(charts, "warm");
    const first = charts.pid;
    const dying = draw(charts, "die");
    const after = draw(charts, "after");
    await expect(dying).rejects.toThrow(/chart renderer exited \(code 3\) while drawing/);
    await expect(dying).rejects.toBeInstanceOf(ChartRenderError);
    await expect(after).resolves.toMatchObject({ svg: "<svg>after</svg>" });
    expect(charts.pid).not.toBe(first);
  });

  it("rejects the chart when the real renderer is killed mid-render", async () => {
    const charts = renderer();
    const drawing = charts.render(
      sectionLightsChart([{ section: "一", green: 1, yellow: 0, red: 0 }]),
      SIZE,
      findChartFont(),
    );
    process.kill(charts.pid as number, "SIGKILL");
    await expect(drawing).rejects.toMatchObject({
      reason: "exited",
      message: expect.stringContaining("SIGKILL"),
    });
  });

  it("gives up on a chart that takes too long, stops that child, and starts afresh", async () => {
    const charts = scripted({ timeoutMs: 300 });
    const hung = draw(charts, "hang");
    const stuck = charts.pid as number;
    const after = draw(charts, "after");
    await expect(hung).rejects.toMatchObject({
      reason: "timeout",
      message: "chart renderer gave no chart in 0.3 s; stopped it",
    });
    await expect(after).resolves.toMatchObject({ svg: "<svg>after</svg>" });
    expect(charts.pid).not.toBe(stuck);
    expect(await gone(stuck)).toBe(true);
  });

  it("gives up on a renderer that does not start", async () => {
    process.env.SCRIPTED_RENDERER = "never-ready";
    const charts = scripted({ startTimeoutMs: 1_500 });
    const waiting = draw(charts, "ok");
    delete process.env.SCRIPTED_RENDERER;
    const stuck = charts.pid as number;
    await expect(waiting).rejects.toMatchObject({
      reason: "timeout",
      message: "chart renderer did not start in 1.5 s; stopped it",
    });
    expect(await gone(stuck)).toBe(true);
  });

  it("passes on a chart the child could not draw, and keeps the child", async () => {
    const charts = scripted();
    await expect(draw(charts, "fail")).rejects.toMatchObject({
      reason: "failed",
      message: "chart not drawn: scripted failure",
    });
    const pid = charts.pid;
    await draw(charts, "ok");
    expect(charts.pid).toBe(pid);
  });

  it("refuses options that cannot cross to the child (a function), and draws on", async () => {
    const charts = scripted();
    const options = { title: { text: "fn" }, tooltip: { formatter: () => "x" } };
    await expect(charts.render(options, SIZE, FONT)).rejects.toMatchObject({ reason: "failed" });
    await expect(draw(charts, "ok")).resolves.toMatchObject({ svg: "<svg>ok</svg>" });
  });

  it("rejects what is still queued when stopped, and ends the child", async () => {
    const charts = scripted();
    const hung = draw(charts, "hang");
    const queued = draw(charts, "queued");
    const pid = charts.pid as number;
    const refused = expect(queued).rejects.toMatchObject({ reason: "stopped" });
    const ended = expect(hung).rejects.toBeInstanceOf(ChartRenderError);
    await charts.stop();
    await refused;
    await ended;
    expect(alive(pid)).toBe(false);
  });

  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    it(`ends when the service ends by ${signal}`, async () => {
      const service = spawn(process.execPath, [...rendererEntry().execArgv, HOLD], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const line = await new Promise<string>((resolve, reject) => {
        service.stdout.setEncoding("utf8").once("data", (chunk: string) => resolve(chunk.trim()));
        service.once("exit", (code) => reject(new Error(`the stand-in service exited (${code})`)));
      });
      const pid = Number(line);
      expect(alive(pid)).toBe(true);
      service.kill(signal);
      expect(await gone(pid)).toBe(true);
    });
  }
});

describe("chartMessage", () => {
  it("sends the text alone, with a warning, when the renderer fails", async () => {
    const warn = vi.fn();
    const logger = { warn } as unknown as Logger;
    const message = await chartMessage(
      () =>
        Promise.reject(new ChartRenderError("timeout", "chart renderer gave no chart in 30 s; stopped it")),
      { fileName: "pace.png", caption: "pace", logger },
    );
    expect(message).toBeUndefined();
    expect(warn).toHaveBeenCalledWith("chart not drawn; the text goes without it", {
      chart: "pace.png",
      error: "chart renderer gave no chart in 30 s; stopped it",
    });
  });
});
