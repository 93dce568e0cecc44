import type { ChannelName, SendResult } from "../channels/channel.js";
import type { DispatchReport } from "../delivery/create-dispatcher.js";
import type { JobRun } from "../scheduler/job.js";
import type { Clock } from "../shared/clock.js";

/** A failure as /healthz shows it: when (ISO, from the injected clock) and what. */
export interface LastError {
  at: string;
  message: string;
}

export interface JobStatus {
  lastRunAt?: string;
  /** How the last run ended: ran, skipped (another instance had the tick or the lock), failed. */
  lastStatus?: JobRun["status"];
  lastSuccessAt?: string;
  lastError?: LastError;
}

export interface LoopStatus {
  running: boolean;
  startedAt?: string;
  stoppedAt?: string;
}

export interface DispatchStatus extends LoopStatus {
  lastRoundAt?: string;
  lastRound?: DispatchReport;
  lastError?: LastError;
}

export interface ChannelStatus {
  lastSuccessAt?: string;
  lastError?: LastError & { status: Exclude<SendResult["status"], "sent"> };
}

export interface RuntimeSnapshot {
  scheduler: LoopStatus & { jobs: Record<string, JobStatus> };
  dispatcher: DispatchStatus;
  channels: Partial<Record<ChannelName, ChannelStatus>>;
}

/**
 * What the background parts of this process last did, for GET /healthz. The scheduler, the
 * dispatch loop and the dispatcher report into it through their optional hooks; it stamps each
 * report with the injected clock, so a demo or virtual clock shows its own time. In memory, per
 * process: each instance answers for itself, which is what a load balancer asks.
 */
export interface RuntimeStatus {
  schedulerRunning(running: boolean): void;
  jobRan(job: string, run: JobRun): void;
  dispatchLoopRunning(running: boolean): void;
  dispatchRound(outcome: { report: DispatchReport } | { error: unknown }): void;
  channelSent(channel: ChannelName, result: SendResult): void;
  snapshot(): RuntimeSnapshot;
}

export function createRuntimeStatus(clock: Clock): RuntimeStatus {
  const now = () => clock.now().toISOString();
  const scheduler: LoopStatus = { running: false };
  const jobs = new Map<string, JobStatus>();
  const dispatcher: DispatchStatus = { running: false };
  const channels = new Map<ChannelName, ChannelStatus>();
  const turn = (status: LoopStatus, running: boolean) => {
    if (status.running === running) return;
    status.running = running;
    if (running) {
      status.startedAt = now();
      delete status.stoppedAt;
    } else if (status.startedAt !== undefined) status.stoppedAt = now();
  };
  return {
    schedulerRunning: (running) => turn(scheduler, running),
    jobRan(job, run) {
      const at = now();
      const status = jobs.get(job) ?? {};
      status.lastRunAt = at;
      status.lastStatus = run.status;
      if (run.status === "ran") status.lastSuccessAt = at;
      if (run.status === "failed") status.lastError = { at, message: run.error };
      jobs.set(job, status);
    },
    dispatchLoopRunning: (running) => turn(dispatcher, running),
    dispatchRound(outcome) {
      const at = now();
      dispatcher.lastRoundAt = at;
      if ("report" in outcome) dispatcher.lastRound = outcome.report;
      else dispatcher.lastError = { at, message: messageOf(outcome.error) };
    },
    channelSent(channel, result) {
      const status = channels.get(channel) ?? {};
      if (result.status === "sent") status.lastSuccessAt = now();
      else status.lastError = { at: now(), status: result.status, message: result.reason };
      channels.set(channel, status);
    },
    snapshot: () => ({
      scheduler: { ...scheduler, jobs: Object.fromEntries([...jobs].map(([name, s]) => [name, { ...s }])) },
      dispatcher: { ...dispatcher },
      channels: Object.fromEntries([...channels].map(([name, s]) => [name, { ...s }])),
    }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
