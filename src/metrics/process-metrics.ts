import { collectDefaultMetrics, Registry } from "prom-client";

let processRegistry: Registry | undefined;

/**
 * prom-client's default metrics of this process (CPU, memory, event loop lag, GC, handles), in a
 * registry of their own made once per process. They describe the process, not an app, and
 * `collectDefaultMetrics` starts an event-loop monitor and a GC observer that cannot be stopped,
 * so registering them per app would add one of each for every app a test process builds. Each
 * app's registry is merged with this one (src/metrics/create-metrics.ts).
 */
export function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}
