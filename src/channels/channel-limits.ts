/**
 * What one message may hold on a channel. Each channel declares its own; features render within
 * the strictest of the channels that are on (`strictestLimits`), so a card shows the same fields
 * wherever it goes and nothing is cut by a platform without the renderer choosing what to drop.
 */
export interface ChannelLimits {
  /** Label/value rows a card shows. */
  cardFields: number;
  /** Buttons on one card. */
  cardButtons: number;
  /** Bytes (UTF-8) of one text message; longer text is split by the channel. */
  textBytes: number;
  /**
   * Whether the channel sends `image` and `file` messages. Where it does not, the dispatcher sends
   * their caption as text instead (mediaAsText); a feature asks first with `canSendMedia`.
   */
  images: boolean;
  files: boolean;
}

/** What every platform Duban knows can show: the local channel declares these. */
export const COMMON_LIMITS: ChannelLimits = {
  cardFields: 6,
  cardButtons: 6,
  textBytes: 2048,
  images: true,
  files: true,
};

/** The smallest of each limit; COMMON_LIMITS when no channel is given. */
export function strictestLimits(limits: readonly ChannelLimits[]): ChannelLimits {
  if (limits.length === 0) return COMMON_LIMITS;
  return {
    cardFields: Math.min(...limits.map((l) => l.cardFields)),
    cardButtons: Math.min(...limits.map((l) => l.cardButtons)),
    textBytes: Math.min(...limits.map((l) => l.textBytes)),
    images: limits.every((l) => l.images),
    files: limits.every((l) => l.files),
  };
}

/** Whether a channel with these limits sends a message of this kind as such (not as its caption). */
export function canSendMedia(limits: ChannelLimits, kind: "image" | "file"): boolean {
  return kind === "image" ? limits.images : limits.files;
}
