import { z } from "zod";

/**
 * How long the outbox keeps trying, and how it tells the admins: the `delivery` section of the
 * settings file. A message is retried while it is still useful, not a fixed number of times.
 */
export const deliverySettingsSchema = z.strictObject({
  /** Hours after its planned time during which a failing message is still retried; then it expires. */
  lifetimeHours: z.number().positive().max(720).default(24),
  /** The longest wait between two retries, in minutes (the waits double from one minute up to it). */
  retryCapMinutes: z.number().int().min(1).max(1440).default(30),
  /** The admins hear of a channel's outage once it has lasted this many minutes (a blip is not told). */
  outageNoticeAfterMinutes: z.number().int().min(0).max(1440).default(5),
  /** Messages that could not be delivered within this many minutes make one notice per admin. */
  deadNoticeWindowMinutes: z.number().int().min(1).max(1440).default(60),
});
export type DeliverySettings = z.output<typeof deliverySettingsSchema>;
export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = deliverySettingsSchema.parse({});
