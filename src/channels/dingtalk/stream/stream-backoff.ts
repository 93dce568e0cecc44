export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** In [0, 1): Math.random in production, a fixed sequence in tests. */
  random: () => number;
}

/**
 * "Full jitter": a uniformly random wait below a ceiling that doubles with each failure in a row
 * (base, 2·base, 4·base … up to cap). Many instances that lost the gateway at the same moment
 * thus come back spread out instead of together.
 */
export function backoffDelayMs(failuresInARow: number, policy: BackoffPolicy): number {
  const doublings = Math.min(Math.max(failuresInARow - 1, 0), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** doublings);
  const fraction = Math.min(Math.max(policy.random(), 0), 1);
  return Math.floor(fraction * ceiling);
}
