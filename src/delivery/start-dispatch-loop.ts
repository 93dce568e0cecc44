import type { Logger } from "../shared/logger.js";
import type { Dispatcher } from "./create-dispatcher.js";

export interface DispatchLoop {
  /** Stops the loop and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `dispatchDue` every `intervalMs` on each instance. Not a scheduler job on purpose: a job
 * runs on one instance at a time, while every instance may dispatch (the outbox's leases keep
 * them apart). A round never overlaps the previous one; a failing round is logged, not fatal.
 */
export function startDispatchLoop(
  dispatcher: Dispatcher,
  options: { logger: Logger; intervalMs?: number },
): DispatchLoop {
  const intervalMs = options.intervalMs ?? 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      await dispatcher.dispatchDue();
    } catch (error) {
      options.logger.error("dispatch round failed", { error });
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  const tick = () => {
    current = round();
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
