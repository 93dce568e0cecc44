import { z } from "zod";
import { isoInstantSchema } from "./iso-instant.js";

/**
 * A channel that stopped delivering: opened by the first failed send that finds none, closed by
 * the first send that succeeds. Shared by every instance on the store and kept across restarts,
 * so the admins hear of one outage once, whichever instance saw it.
 */
export const channelOutageSchema = z.object({
  channel: z.string().min(1),
  /** When the first failure was seen. */
  since: isoInstantSchema,
  /** The platform's words for the first failure (hint, errcode). */
  detail: z.string(),
  /** Set once, by the one caller that told the admins. */
  noticedAt: isoInstantSchema.optional(),
});
export type ChannelOutage = z.infer<typeof channelOutageSchema>;

export interface OutageStore {
  /** Opens an outage unless the channel has one; either way resolves with the channel's outage. */
  open(outage: { channel: string; since: string; detail: string }): Promise<ChannelOutage>;
  /**
   * Records that the admins were told about the outage that began at `since`: true for exactly
   * one caller; false when already recorded or when that outage is not the channel's current one.
   */
  markNoticed(channel: string, since: string, at: string): Promise<boolean>;
  /** Ends the channel's outage: resolves with it for exactly one caller, undefined for all others. */
  close(channel: string): Promise<ChannelOutage | undefined>;
  get(channel: string): Promise<ChannelOutage | undefined>;
}
