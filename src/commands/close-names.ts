import { editDistance } from "./suggest-command.js";

/** At most this many names are suggested. */
const SUGGESTED = 3;

/**
 * Names near what someone typed, for "did you mean": one character off (寇凝 for 寇宁), or one
 * containing the other (寇 for 寇宁). Chinese names are two or three characters, so nothing wider.
 */
export function closeNames(typed: string, names: readonly string[]): string[] {
  const near = names.filter(
    (name) =>
      name !== typed &&
      (editDistance(typed, name) <= 1 || (typed !== "" && (name.includes(typed) || typed.includes(name)))),
  );
  return [...new Set(near)].slice(0, SUGGESTED);
}
