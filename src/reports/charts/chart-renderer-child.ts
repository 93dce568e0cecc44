/**
 * The chart renderer: a child process of the service that draws charts it is sent over IPC and
 * answers each with its PNG (see chart-renderer.ts for why it is a process of its own). It ends
 * with the service: when the IPC channel closes, because the service exited, was killed, or let
 * it go after a quiet while, nothing is left to draw for.
 */
import type { DrawReply, DrawRequest } from "./chart-renderer-protocol.js";
import { drawChart } from "./draw-chart.js";

if (!process.send) {
  process.stderr.write("chart-renderer-child: started without an IPC channel; the service forks it\n");
  process.exit(2);
}

process.on("disconnect", () => process.exit(0));
// Ctrl-C in a terminal reaches the whole process group; the service stops its renderer itself,
// after its own shutdown, so a chart being drawn then is not reported as a crash.
process.on("SIGINT", () => {});

process.on("message", (request: DrawRequest) => {
  void answer(request);
});
// Up: the first chart's time runs from here (ECharts and resvg load with it).
process.send("ready");

async function answer(request: DrawRequest): Promise<void> {
  let reply: DrawReply;
  try {
    reply = { id: request.id, chart: await drawChart(request.options, request.size, request.font) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  // A reply the channel can no longer carry has no one waiting for it: the service is gone.
  if (process.connected) process.send?.(reply, undefined, {}, () => {});
}
