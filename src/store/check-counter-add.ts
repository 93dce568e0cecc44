/** A counter's key is non-empty text; an increment a whole number ≥ 0 (a quota never counts back). */
export function checkCounterAdd(key: string, by: number): void {
  if (key === "") throw new RangeError("counters.add: the key is empty");
  if (!Number.isSafeInteger(by) || by < 0)
    throw new RangeError(`counters.add: ${key}: the increment must be a whole number ≥ 0, got ${by}`);
}
