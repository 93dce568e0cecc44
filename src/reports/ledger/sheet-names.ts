/** Excel's limit on a sheet name's length. */
const NAME_CHARS = 31;
/** Characters Excel refuses in a sheet name; the apostrophe breaks the print titles' references. */
const REFUSED = /[\\/?*[\]:']/g;

/**
 * Names sheets as Excel accepts them: the refused characters replaced, cut to 31 characters,
 * and unique without regard to case ("（2）" added to a repeat). "History" is reserved by Excel.
 */
export function uniqueSheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((name) => {
    const base = name.replace(REFUSED, "_").trim().slice(0, NAME_CHARS) || "_";
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()) || candidate.toLowerCase() === "history"; n++) {
      const suffix = `（${n}）`;
      candidate = `${base.slice(0, NAME_CHARS - suffix.length)}${suffix}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
