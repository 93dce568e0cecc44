/**
 * Reads DUBAN_CLOCK: `2021-03-22T08:20+08:00`, with seconds or not, `Z` or an offset; without an
 * offset the time is read in Asia/Shanghai, as people there write it. Undefined if unreadable.
 */
export function parseDemoInstant(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    text.trim(),
  );
  if (!match) return undefined;
  const [, date, time = "00:00", seconds = ":00", zone = "+08:00"] = match;
  const at = new Date(`${date}T${time}${seconds}${zone}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
