/** A TTL must be a positive whole number of milliseconds; Redis PX refuses anything else. */
export function checkTtl(ttlMs: number, what: string): number {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`${what}: must be a positive whole number of milliseconds (ttlMs), got ${ttlMs}`);
  }
  return ttlMs;
}
