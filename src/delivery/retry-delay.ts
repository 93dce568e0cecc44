/** Exponential backoff: 1 min, 2, 4 … capped at 1 h by default. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 60_000, capMs: 3_600_000 };

/**
 * The wait before retry number `failures` (1 after the first failure), ±20 % at random so that
 * messages failing together do not come back together, never above the cap.
 */
export function retryDelayMs(failures: number, random: () => number, options = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const delay = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.round(Math.min(options.capMs, delay * (0.8 + 0.4 * random())));
}
