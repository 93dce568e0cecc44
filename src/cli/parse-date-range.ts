import { isIsoDate } from "../calendar/iso-date.js";
import { InputError } from "../shared/errors.js";

/** Checks `--from` and `--to`: real dates written YYYY-MM-DD, in order. */
export function parseDateRange(options: { from: string; to: string }): { from: string; to: string } {
  for (const [flag, value] of [
    ["--from", options.from],
    ["--to", options.to],
  ] as const) {
    if (!isIsoDate(value))
      throw new InputError(`${flag} ${value}: not a date. Fix: write YYYY-MM-DD, e.g. 2021-03-22.`);
  }
  if (options.to < options.from)
    throw new InputError(`--to ${options.to} is before --from ${options.from}. Fix: swap them.`);
  return { from: options.from, to: options.to };
}
