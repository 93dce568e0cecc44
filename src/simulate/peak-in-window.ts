/** The most events inside any window of `windowMs` ending at an event: (t − windowMs, t]. */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let first = 0;
  for (let i = 0; i < sorted.length; i++) {
    while ((sorted[first] as number) <= (sorted[i] as number) - windowMs) first++;
    most = Math.max(most, i - first + 1);
  }
  return most;
}
