/**
 * Whether two lists hold the same objects in the same order. For records the stores keep frozen and
 * hand out again until a later one is appended: the same object means the same content.
 */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
