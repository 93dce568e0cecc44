import type { Clock } from "../../shared/clock.js";
import { message } from "../../templates/template-store.js";
import type { DingtalkFailure } from "./dingtalk-contracts.js";
import { IP_BAN_MS } from "./dingtalk-failure.js";

/**
 * Every OpenAPI call of one app passes here first (per process). Three things hold calls back:
 * - the app's QPS limit (20/40/60 by edition; above it DingTalk queues, then refuses with
 *   QpsLimitForApi, brief §9): calls are paced at 75% of it, one every ⌈1000 / (0.75 × limit)⌉ ms
 *   (67 ms for 20 QPS), so that no second sees more than 0.75 × limit calls from this process
 *   (15 of 20). A call waits for its slot in order of arrival; it does not fail for it;
 * - a QpsLimitForApi all the same (another process of the app, a neighbour on the edition's limit):
 *   every call of the app waits 1–2 s, jittered so that several processes do not come back together;
 * - an IP ban (a non-JSON answer: the per-IP limit, 10,000 calls in 20 s, bans for five minutes):
 *   nothing is sent at all until it ends; calls are answered `ip-banned` at once instead of waiting.
 */
export interface DingtalkRateGate {
  /** Waits for the call's slot; answers the ban when one is on (the call must not be made). */
  pass(): Promise<DingtalkFailure | undefined>;
  /** The ban in force now, if any: for senders that bypass the gate (session webhooks). */
  banned(): DingtalkFailure | undefined;
  /** A non-JSON answer: bans every call for five minutes; returns the time left. */
  ban(): number;
  /** A QpsLimitForApi: holds every call for 1–2 s; returns the hold. */
  hold(): number;
}

export interface RateGateOptions {
  qpsLimit: number;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); the hold's jitter. */
  random: () => number;
}

/** Of the edition's limit, what Duban uses: the rest absorbs other callers and clock skew. */
export const QPS_SHARE = 0.75;
const HOLD_MIN_MS = 1_000;
const HOLD_SPREAD_MS = 1_000;

export function createRateGate(options: RateGateOptions): DingtalkRateGate {
  const { clock } = options;
  const perSecond = Math.max(1, Math.floor(options.qpsLimit * QPS_SHARE));
  // Whole milliseconds, rounded up: n + 1 calls then span at least a second.
  const intervalMs = Math.ceil(1000 / perSecond);
  const nowMs = () => clock.now().getTime();
  let nextSlotMs = 0;
  let heldUntilMs = 0;
  let bannedUntilMs = 0;

  const banned = (): DingtalkFailure | undefined => {
    const left = bannedUntilMs - nowMs();
    if (left <= 0) return undefined;
    return {
      kind: "ip-banned",
      retryAfterMs: left,
      message: message("dingtalk", "ipBanned", { minutes: IP_BAN_MS / 60_000 }),
    };
  };

  return {
    async pass() {
      for (;;) {
        const ban = banned();
        if (ban) return ban;
        const now = nowMs();
        // The slot is taken before waiting, so that waiters go in order of arrival.
        const at = Math.max(now, nextSlotMs, heldUntilMs);
        nextSlotMs = at + intervalMs;
        if (at > now) await options.sleep(at - now);
        // A hold or a ban that began while this call waited applies to it too.
        if (heldUntilMs <= nowMs() && !banned()) return undefined;
      }
    },
    banned,
    ban() {
      // A second ban page during the ban answers a call sent before it began: it does not extend it.
      if (bannedUntilMs <= nowMs()) bannedUntilMs = nowMs() + IP_BAN_MS;
      return bannedUntilMs - nowMs();
    },
    hold() {
      const now = nowMs();
      if (heldUntilMs <= now) heldUntilMs = now + HOLD_MIN_MS + Math.floor(options.random() * HOLD_SPREAD_MS);
      return heldUntilMs - now;
    },
  };
}
