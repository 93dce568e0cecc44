/**
 * Orders strings by UTF-16 code units, the same on every store and every locale, so that lists
 * and dumps come out identical whichever store produced them.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
