import { type ChildProcess, fork } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { EChartsOption } from "echarts";
import type { DrawRequest, RendererMessage } from "./chart-renderer-protocol.js";
import type { RenderedChart } from "./draw-chart.js";
import type { ChartFont } from "./find-chart-font.js";

/** A quiet while after which the renderer exits, and its memory goes back to the system. */
export const RENDERER_IDLE_MS = 30_000;
/**
 * Longest a chart may take once the renderer is up (a chart takes 0.2–0.4 s, 2.5 s in Noto Sans
 * CJK; the first one also loads ECharts and resvg, half a second), and longest the renderer may
 * take to start (a tenth of a second from dist, about one from the sources through tsx).
 */
export const CHART_TIMEOUT_MS = 30_000;

/** A chart the renderer did not draw: it timed out, the renderer exited, or drawing failed. */
export class ChartRenderError extends Error {
  readonly reason: "timeout" | "exited" | "failed" | "stopped";

  constructor(reason: ChartRenderError["reason"], message: string) {
    super(message);
    this.name = "ChartRenderError";
    this.reason = reason;
  }
}

/** The script the renderer runs, and the node flags it needs (tsx when run from the sources). */
export interface RendererEntry {
  path: string;
  execArgv: string[];
}

export interface ChartRendererSettings {
  idleMs?: number;
  timeoutMs?: number;
  startTimeoutMs?: number;
  entry?: RendererEntry;
}

/** Draws charts in a child process; one chart at a time, the others queued. */
export interface ChartRenderer {
  render(
    options: EChartsOption,
    size: { width: number; height: number },
    font: ChartFont,
  ): Promise<RenderedChart>;
  /** The renderer's process id while one runs. */
  readonly pid: number | undefined;
  /** Rejects the charts still queued and ends the renderer. */
  stop(): Promise<void>;
}

interface Job {
  request: Omit<DrawRequest, "id">;
  resolve: (chart: RenderedChart) => void;
  reject: (error: Error) => void;
}

interface Drawing {
  id: number;
  job: Job;
  worker: ChildProcess;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Charts drawn out of the service's process. resvg loads the 20 MB CJK font for every chart on
 * libuv's threads, and glibc keeps what it freed there: a service that drew its charts itself
 * grew by 100–200 MB over a Monday's digests and never gave it back (MALLOC_ARENA_MAX=2 the same).
 * A child process started on the first chart draws the batch and exits after `idleMs` without
 * one, and its memory goes with it.
 *
 * One chart at a time (the digest job draws them one after another anyway), so a renderer that
 * crashes or hangs takes only the chart it was drawing: that chart is rejected with a
 * ChartRenderError (its caller sends the text without it) and the next one starts a new renderer.
 * The renderer ends with the service: killed when the service exits, and exiting by itself when
 * the IPC channel closes (the service killed with SIGKILL). Neither the renderer nor its channel
 * keeps the service alive; a chart being drawn does, by its timeout.
 */
export function createChartRenderer(settings: ChartRendererSettings = {}): ChartRenderer {
  const idleMs = settings.idleMs ?? RENDERER_IDLE_MS;
  const timeoutMs = settings.timeoutMs ?? CHART_TIMEOUT_MS;
  const startTimeoutMs = settings.startTimeoutMs ?? CHART_TIMEOUT_MS;
  const entry = settings.entry ?? rendererEntry();
  const queue: Job[] = [];
  let child: ChildProcess | undefined;
  let drawing: Drawing | undefined;
  let idle: NodeJS.Timeout | undefined;
  let nextId = 1;
  const exits = new Map<ChildProcess, Promise<void>>();
  const ready = new Map<ChildProcess, boolean>();

  const armTimeout = (current: Drawing) => {
    clearTimeout(current.timer);
    const { worker } = current;
    const started = ready.get(worker) === true;
    const ms = started ? timeoutMs : startTimeoutMs;
    current.timer = setTimeout(() => {
      // Hung (or far too slow): it is stopped, so the next chart gets a renderer that answers.
      if (child === worker) child = undefined;
      worker.kill("SIGKILL");
      finish(
        new ChartRenderError(
          "timeout",
          started
            ? `chart renderer gave no chart in ${ms / 1000} s; stopped it`
            : `chart renderer did not start in ${ms / 1000} s; stopped it`,
        ),
      );
    }, ms);
  };

  const start = (): ChildProcess => {
    const worker = fork(entry.path, [], {
      execArgv: entry.execArgv,
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    worker.unref();
    worker.channel?.unref();
    const killOnExit = () => worker.kill();
    process.on("exit", killOnExit);
    let resolveExit: () => void = () => {};
    exits.set(worker, new Promise((resolve) => (resolveExit = resolve)));
    let ended = false;
    const end = (how: string) => {
      if (ended) return;
      ended = true;
      process.off("exit", killOnExit);
      exits.delete(worker);
      ready.delete(worker);
      resolveExit();
      if (child === worker) child = undefined;
      if (drawing?.worker === worker)
        finish(new ChartRenderError("exited", `chart renderer ${how} while drawing the chart`));
    };
    ready.set(worker, false);
    worker.on("message", (reply: RendererMessage) => {
      if (reply === "ready") {
        ready.set(worker, true);
        // The chart waiting for it gets its own time from now.
        if (drawing?.worker === worker) armTimeout(drawing);
        return;
      }
      if (drawing?.worker !== worker || drawing.id !== reply.id) return;
      if ("chart" in reply) finish(undefined, reply.chart);
      else finish(new ChartRenderError("failed", `chart not drawn: ${reply.error}`));
    });
    worker.on("exit", (code, signal) => end(signal ? `was killed (${signal})` : `exited (code ${code})`));
    worker.on("error", (error) => {
      // Not started, or the channel broke: whatever it was drawing is lost either way.
      worker.kill("SIGKILL");
      end(`failed (${error.message})`);
    });
    return worker;
  };

  const finish = (error: Error | undefined, chart?: RenderedChart) => {
    const done = drawing;
    if (!done) return;
    drawing = undefined;
    clearTimeout(done.timer);
    if (error) done.job.reject(error);
    else if (chart) done.job.resolve(chart);
    next();
  };

  const retire = () => {
    const worker = child;
    if (!worker || drawing) return;
    child = undefined;
    // The renderer exits when its channel closes, as it does when the service dies.
    worker.disconnect();
  };

  const next = () => {
    if (drawing) return;
    const job = queue.shift();
    clearTimeout(idle);
    if (!job) {
      if (child) idle = setTimeout(retire, idleMs).unref();
      return;
    }
    const worker = child ?? start();
    child = worker;
    drawing = { id: nextId++, job, worker, timer: undefined };
    armTimeout(drawing);
    try {
      worker.send({ id: drawing.id, ...job.request } satisfies DrawRequest);
    } catch (error) {
      // Options that cannot be cloned (a function in them): this chart only, the renderer is fine.
      finish(new ChartRenderError("failed", `chart not sent to the renderer: ${(error as Error).message}`));
    }
  };

  return {
    render(options, size, font) {
      return new Promise<RenderedChart>((resolve, reject) => {
        queue.push({ request: { options, size, font }, resolve, reject });
        next();
      });
    },
    get pid() {
      return child?.pid;
    },
    async stop() {
      clearTimeout(idle);
      for (const job of queue.splice(0))
        job.reject(new ChartRenderError("stopped", "chart renderer stopped"));
      const ending = [...exits.values()];
      for (const worker of exits.keys()) worker.kill();
      child = undefined;
      await Promise.all(ending);
    },
  };
}

/**
 * The renderer's script beside this file: the compiled one in dist, or, when the service runs
 * from its TypeScript sources (the tests, tsx), the source run through tsx's loader.
 */
export function rendererEntry(): RendererEntry {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith(".ts")) return { path: join(dirname(here), "chart-renderer-child.js"), execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return { path: join(dirname(here), "chart-renderer-child.ts"), execArgv: ["--import", tsx] };
}
