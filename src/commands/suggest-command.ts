import type { CommandSpec } from "./command-spec.js";

/**
 * The command a mistyped slash word most likely meant (`/hlep` → help, `/overdeu` → overdue,
 * `/帮组` → help), by edit distance to the names and aliases of `commands`, adjacent swaps counting
 * as one edit. At most one edit for words of up to four characters, two beyond; the nearest wins,
 * then the first in the registry. Only slash words get here: without the slash a near-miss such as
 * 帮我 is a reply, not a mistyped 帮助.
 */
export function suggestCommand(typed: string, commands: readonly CommandSpec[]): CommandSpec | undefined {
  if (typed === "") return undefined;
  const allowed = [...typed].length <= 4 ? 1 : 2;
  let best: { spec: CommandSpec; distance: number } | undefined;
  for (const spec of commands) {
    const distance = Math.min(...[spec.name, ...spec.aliases].map((word) => editDistance(typed, word)));
    if (distance <= allowed && (!best || distance < best.distance)) best = { spec, distance };
  }
  return best?.spec;
}

/** Optimal string alignment distance over code points: insertions, deletions, substitutions, swaps. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const width = t.length + 1;
  // One flat row-major table; cell (i, j) is the distance between the first i and first j characters.
  const d = new Array<number>((s.length + 1) * width).fill(0);
  const at = (i: number, j: number) => d[i * width + j] ?? 0;
  for (let i = 0; i <= s.length; i++) d[i * width] = i;
  for (let j = 0; j <= t.length; j++) d[j] = j;
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(s.length, t.length);
}
