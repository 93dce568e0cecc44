import type { ChannelName } from "../channels/channel.js";

/** The first pause after a channel-wide failure; each further failure in a row doubles it. */
const FIRST_PAUSE_MS = 15_000;
const LONGEST_PAUSE_MS = 5 * 60_000;
/** Longer than any send takes: a probe whose outcome never came (the dispatch failed) is given up. */
const PROBE_TIMEOUT_MS = 2 * 60_000;

export interface ChannelPause {
  untilMs: number;
  reason: string;
}

/**
 * The channels paused by a channel-wide failure (a token refused, the app's rate limit, the
 * platform unreachable): one incident, not one failure per message. While a channel is paused,
 * nothing is sent on it; after the pause one message goes alone, as a probe, while the others wait;
 * the first answer that is not a channel-wide failure ends the incident. Kept per process: each
 * instance finds out for itself with one send.
 */
export interface ChannelPauses {
  /**
   * Whether a message may be sent on the channel now: undefined when it may (it becomes the probe
   * when an incident is open), else the pause to wait for.
   */
  admit(channel: ChannelName, nowMs: number): ChannelPause | undefined;
  /**
   * Records a channel-wide failure: the pause lasts `retryAfterMs` when the platform said how long,
   * else 15 s, doubling with each failure in a row up to 5 min. `fresh`: a new incident (worth one
   * log line).
   */
  failed(
    channel: ChannelName,
    nowMs: number,
    reason: string,
    retryAfterMs?: number,
  ): ChannelPause & { fresh: boolean };
  /** The platform answered (sent, or refused this message alone): the incident, if any, is over. */
  answered(channel: ChannelName): void;
}

export function createChannelPauses(): ChannelPauses {
  const incidents = new Map<ChannelName, ChannelPause & { inARow: number; probeSinceMs?: number }>();
  return {
    admit(channel, nowMs) {
      const incident = incidents.get(channel);
      if (incident === undefined) return undefined;
      if (nowMs < incident.untilMs) return incident;
      // The pause is over: one message tries; the rest wait a first pause's length behind it.
      if (incident.probeSinceMs !== undefined && nowMs < incident.probeSinceMs + PROBE_TIMEOUT_MS)
        return { untilMs: nowMs + FIRST_PAUSE_MS, reason: incident.reason };
      incident.probeSinceMs = nowMs;
      return undefined;
    },
    failed(channel, nowMs, reason, retryAfterMs) {
      const before = incidents.get(channel);
      // Sends already in flight when the pause began fail too: they do not lengthen it.
      if (before !== undefined && nowMs < before.untilMs)
        return { untilMs: before.untilMs, reason: before.reason, fresh: false };
      const inARow = (before?.inARow ?? 0) + 1;
      const backoff = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** (inARow - 1));
      const incident = {
        untilMs: nowMs + Math.max(backoff, retryAfterMs ?? 0),
        reason,
        inARow,
        probing: false,
      };
      incidents.set(channel, incident);
      return { untilMs: incident.untilMs, reason, fresh: before === undefined };
    },
    answered(channel) {
      incidents.delete(channel);
    },
  };
}
