import type { WorkCalendar } from "../calendar/work-calendar.js";
import type { ChannelName } from "../channels/channel.js";
import type { ReceivingHealth } from "../channels/channel-plugin.js";
import { runStartupChecks } from "../checks/run-startup-checks.js";
import type { StartupWarning } from "../checks/startup-warning.js";
import type { DigestSettings } from "../config/digest-settings.js";
import type { Directory } from "../directory/directory.js";
import type { Clock } from "../shared/clock.js";
import { TimeoutError, withTimeout } from "../shared/with-timeout.js";
import type { Store } from "../store/store.js";
import type {
  ChannelStatus,
  DispatchStatus,
  JobStatus,
  LoopStatus,
  RuntimeStatus,
} from "./runtime-status.js";

/** How long /healthz waits for the store unless told otherwise. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 1_000;

export interface HealthDeps {
  store: Pick<Store, "kind" | "ping" | "registry" | "outbox">;
  directory: Directory;
  directoryFile: string;
  settingsFile?: string | undefined;
  /** The chart font problem found at start, for the warnings (CheckSources.chartFont). */
  chartFont?: string | undefined;
  /** The digest settings, for the start-up check of their group chats. */
  digest?: Pick<DigestSettings, "chats">;
  /** Redis without DUBAN_WEB_SECRET (CheckSources.webSecretUnshared). */
  webSecretUnshared?: boolean;
  calendar: Pick<WorkCalendar, "coverage">;
  clock: Clock;
  runtime: RuntimeStatus;
  /** The scheduled jobs' names, so a job that has not run yet is listed too. */
  jobs: readonly string[];
  /** The channels this process sends on. */
  channels: readonly ChannelName[];
  /** How receiving stands on the platforms that keep a connection of their own. */
  receiving?: () => Record<ChannelName, ReceivingHealth>;
  /**
   * How long the store may take to answer before it counts as unavailable (DUBAN_HEALTH_TIMEOUT_MS);
   * default 1 s, so that a probe gets its 503 before it gives up.
   */
  storeTimeoutMs?: number;
}

export interface HealthBody {
  status: "ok" | "unavailable";
  /** Why the status is "unavailable"; absent when it is "ok". */
  problems?: string[];
  store: { kind: string } | { kind: string; error: string };
  /** Absent when the store did not answer. */
  registry?: { tasks: number; importedAt: string } | null;
  directory: { units: number; demo: boolean };
  scheduler: LoopStatus & { jobs: Record<string, JobStatus> };
  /** `lagMs`: how long the oldest due message has waited (0 when none is waiting). */
  dispatcher: DispatchStatus & { lagMs?: number; oldestDueAt?: string };
  /** `receiving`: the platform's own connection (a stream), where it keeps one. */
  channels: Record<string, ChannelStatus & { configured: true; receiving?: ReceivingHealth }>;
  /** The start-up checks, re-run: an import after the start shows here. Never make it unavailable. */
  warnings: StartupWarning[];
}

/**
 * What GET /healthz answers: `healthy` false (503) when the store does not answer within the
 * timeout, or when the scheduler or the dispatch loop was started and is no longer running. Times
 * are ISO strings from the injected clock.
 */
export function createHealthCheck(deps: HealthDeps): () => Promise<{ healthy: boolean; body: HealthBody }> {
  const timeoutMs = deps.storeTimeoutMs ?? DEFAULT_HEALTH_TIMEOUT_MS;
  return async () => {
    const now = deps.clock.now();
    const problems: string[] = [];
    const runtime = deps.runtime.snapshot();
    const receivingNow = deps.receiving?.() ?? {};
    let read: Awaited<ReturnType<typeof readStore>> | undefined;
    let storeError: string | undefined;
    try {
      read = await withTimeout(readStore(deps.store), timeoutMs);
    } catch (error) {
      storeError =
        error instanceof TimeoutError
          ? `the store does not answer (no answer within ${timeoutMs} ms)`
          : "the store does not answer";
      problems.push(storeError);
    }
    if (isDead(runtime.scheduler)) problems.push("the scheduler has stopped");
    if (isDead(runtime.dispatcher)) problems.push("the dispatch loop has stopped");

    const dispatcher: HealthBody["dispatcher"] = { ...runtime.dispatcher };
    if (read) {
      const waiting = read.nextDueAt !== undefined && Date.parse(read.nextDueAt) <= now.getTime();
      dispatcher.lagMs = waiting ? now.getTime() - Date.parse(read.nextDueAt as string) : 0;
      if (waiting) dispatcher.oldestDueAt = read.nextDueAt as string;
    }
    const body: HealthBody = {
      status: problems.length === 0 ? "ok" : "unavailable",
      ...(problems.length > 0 ? { problems } : {}),
      store: storeError ? { kind: deps.store.kind, error: storeError } : { kind: deps.store.kind },
      ...(read
        ? {
            registry: read.current
              ? { tasks: read.current.registry.tasks.length, importedAt: read.current.importedAt }
              : null,
          }
        : {}),
      directory: { units: deps.directory.units.length, demo: deps.directory.demo },
      scheduler: {
        ...runtime.scheduler,
        jobs: Object.fromEntries(deps.jobs.map((name) => [name, runtime.scheduler.jobs[name] ?? {}])),
      },
      dispatcher,
      channels: Object.fromEntries(
        deps.channels.map((name) => {
          const receiving = receivingNow[name];
          return [
            name,
            { configured: true as const, ...runtime.channels[name], ...(receiving ? { receiving } : {}) },
          ];
        }),
      ),
      warnings: runStartupChecks({
        directory: deps.directory,
        directoryFile: deps.directoryFile,
        settingsFile: deps.settingsFile,
        chartFont: deps.chartFont,
        digest: deps.digest,
        webSecretUnshared: deps.webSecretUnshared,
        current: read?.current,
        calendar: deps.calendar,
        now,
      }),
    };
    return { healthy: problems.length === 0, body };
  };
}

/** Everything /healthz reads from the store, in one go under one timeout. */
async function readStore(store: HealthDeps["store"]) {
  const [, current, nextDueAt] = await Promise.all([
    store.ping(),
    store.registry.current(),
    store.outbox.nextDueAt(),
  ]);
  return { current, nextDueAt };
}

/** Started once, and not running now: a part that should run is dead. */
function isDead(status: LoopStatus): boolean {
  return !status.running && status.startedAt !== undefined;
}
