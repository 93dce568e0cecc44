import { AppError } from "../shared/errors.js";
import { ISO_INSTANT } from "./iso-instant.js";

/** Epoch milliseconds of a Date or of an ISO-8601 instant with an offset; `what` names the argument. */
export function toEpochMs(value: string | Date, what: string): number {
  const ms =
    value instanceof Date ? value.getTime() : ISO_INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new AppError(
      "bad_request",
      `${what}: ${JSON.stringify(String(value))} is not an ISO-8601 instant with an offset; ` +
        "write e.g. 2021-03-22T08:30:00+08:00 or 2021-03-22T00:30:00Z.",
    );
  }
  return ms;
}
