import type { Clock } from "../../shared/clock.js";

/**
 * After 45009 ("api freq out of limit") WeCom blocks the caller for the window that was exceeded:
 * 60 s, 60 min or the rest of the day (Doc 90312/90454; brief §4.3), and the answer does not say
 * which. So the pause starts at a minute and doubles on each further 45009, up to an hour, and
 * nothing is sent meanwhile ("do not hammer"). A success resets it. A 45009 that answers a request
 * sent before the pause began (several were in flight) is the same refusal: it does not double it.
 */
export interface RateBackoff {
  /** How long sending must still wait; 0 when it may go ahead. */
  remainingMs(): number;
  /** Records a 45009 and returns the new pause. */
  hit(): number;
  clear(): void;
}

export function createRateBackoff(clock: Clock, firstMs = 60_000, maxMs = 3_600_000): RateBackoff {
  let blockedUntilMs = 0;
  let strikes = 0;
  const now = () => clock.now().getTime();
  return {
    remainingMs: () => Math.max(0, blockedUntilMs - now()),
    hit() {
      const remaining = blockedUntilMs - now();
      if (remaining > 0) return remaining;
      strikes += 1;
      const pauseMs = Math.min(maxMs, firstMs * 2 ** (strikes - 1));
      blockedUntilMs = now() + pauseMs;
      return pauseMs;
    },
    clear() {
      strikes = 0;
      blockedUntilMs = 0;
    },
  };
}
