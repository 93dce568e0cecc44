import { z } from "zod";

/**
 * An instant as the store keeps it: ISO-8601 with an explicit offset. Without one, `Date.parse`
 * would read it in the host's time zone, which the service never trusts.
 */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export const isoInstantSchema = z
  .string()
  .regex(ISO_INSTANT, "must be an ISO-8601 instant with an offset, e.g. 2021-03-22T08:30:00+08:00");

/** A calendar date, YYYY-MM-DD, in the business time zone. */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
