/** Exponential backoff: 1 min, 2, 4 … capped at 30 min by default. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 60_000, capMs: 30 * 60_000 };

/**
 * The wait before retry number `failures` (1 after the first failure), ±20 % at random so that
 * messages failing together do not come back together. At the cap the spread is below it
 * (80–100 % of the cap), so that messages held through a long outage stay spread out.
 */
export function retryDelayMs(failures: number, random: () => number, options = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const delay = options.baseMs * 2 ** exponent;
  const r = random();
  if (delay >= options.capMs) return Math.round(options.capMs * (0.8 + 0.2 * r));
  return Math.round(Math.min(options.capMs, delay * (0.8 + 0.4 * r)));
}
