import type { Logger } from "../shared/logger.js";
import type { Dispatcher, DispatchReport } from "./create-dispatcher.js";

export interface DispatchLoop {
  /**
   * Stops the loop: no new batch is claimed, messages claimed but not yet being sent are handed
   * back to the outbox at once (another instance, or this one after a restart, sends them), and
   * sends already in progress finish and are recorded. Resolves when the round in progress is over.
   */
  stop(): Promise<void>;
  /** Starts a round now instead of at the next interval (after an inbound message was answered). */
  wake(): void;
}

export interface DispatchLoopOptions {
  logger: Logger;
  /** Pause between rounds; default 1 s (an empty round is one indexed query). */
  intervalMs?: number;
  /**
   * Rounds may fail while the store is unreachable: they are logged and retried. When they have
   * failed without a break for this long (default 5 min), the loop stops and calls `onFatal`, so
   * the process exits and its supervisor starts it afresh rather than it living on deaf.
   */
  maxFailingMs?: number;
  onFatal?: (error: unknown) => void;
  /** Monotonic milliseconds, for how long rounds have failed; injected by tests. */
  monotonicMs?: () => number;
  /** Told how each round ended, and when the loop starts and stops (for GET /healthz). */
  onRound?: (outcome: { report: DispatchReport } | { error: unknown }) => void;
  onRunning?: (running: boolean) => void;
}

/**
 * Runs `dispatchDue` every `intervalMs` on each instance. Not a scheduler job on purpose: a job
 * runs on one instance at a time, while every instance may dispatch (the outbox's leases keep
 * them apart). A round never overlaps the previous one.
 */
export function startDispatchLoop(dispatcher: Dispatcher, options: DispatchLoopOptions): DispatchLoop {
  const intervalMs = options.intervalMs ?? 1_000;
  const maxFailingMs = options.maxFailingMs ?? 300_000;
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  let running = false;
  let failingSince: number | undefined;
  let wakeRequested = false;

  const round = async () => {
    running = true;
    try {
      const report = await dispatcher.dispatchDue({ signal: abort.signal });
      failingSince = undefined;
      options.onRound?.({ report });
    } catch (error) {
      failingSince ??= monotonicMs();
      const failingForMs = Math.round(monotonicMs() - failingSince);
      options.logger.error("dispatch round failed", { error, failingForMs });
      options.onRound?.({ error });
      if (failingForMs >= maxFailingMs) {
        options.logger.error("the dispatch loop has failed for too long and stops", { failingForMs });
        abort.abort();
        options.onRunning?.(false);
        options.onFatal?.(error);
      }
    } finally {
      running = false;
    }
    if (abort.signal.aborted) return;
    timer = setTimeout(tick, wakeRequested ? 0 : intervalMs);
    wakeRequested = false;
  };
  const tick = () => {
    current = round();
  };
  options.onRunning?.(true);
  tick();

  return {
    wake() {
      if (abort.signal.aborted) return;
      if (running) {
        wakeRequested = true;
        return;
      }
      clearTimeout(timer);
      tick();
    },
    async stop() {
      abort.abort();
      options.onRunning?.(false);
      clearTimeout(timer);
      await current;
      await dispatcher.settle();
    },
  };
}
