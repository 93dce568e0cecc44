import type { LocalSentMessage } from "../channels/local/local-channel.js";
import { byteLength } from "../channels/split-text.js";

/**
 * The reports the simulation sent, from what the local channel received: leader digests (one per
 * leader, week and recipient, in one or more text parts; idempotency key
 * digest/<week>/<leader>/<recipient>/<part>) and bulletin summaries (bulletin/<period>/<recipient>),
 * with their sizes in UTF-8 bytes, the unit the platforms' limits are counted in. Charts are not
 * drawn in a simulation (services' `charts: false`), so none is counted.
 */
export interface ReportTotals {
  digests: number;
  digestMessages: number;
  digestBytes: number;
  /** The longest digest (all its parts), and the longest single part. */
  largestDigestBytes: number;
  largestDigestPartBytes: number;
  bulletins: number;
  bulletinBytes: number;
  largestBulletinBytes: number;
}

export function countReports(sent: readonly LocalSentMessage[]): ReportTotals {
  const digests = new Map<string, number>();
  const bulletins = new Map<string, number>();
  let digestMessages = 0;
  let largestPart = 0;
  for (const m of sent) {
    const key = m.idempotencyKey ?? "";
    const bytes = m.message.kind === "text" ? byteLength(m.message.text) : 0;
    const parts = key.split("/");
    if (parts[0] === "digest" && parts.length === 5) {
      const digest = parts.slice(0, 4).join("/");
      digests.set(digest, (digests.get(digest) ?? 0) + bytes);
      digestMessages++;
      largestPart = Math.max(largestPart, bytes);
    } else if (parts[0] === "bulletin" && parts.length === 3) {
      bulletins.set(key, bytes);
    }
  }
  const sum = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0);
  return {
    digests: digests.size,
    digestMessages,
    digestBytes: sum(digests),
    largestDigestBytes: Math.max(0, ...digests.values()),
    largestDigestPartBytes: largestPart,
    bulletins: bulletins.size,
    bulletinBytes: sum(bulletins),
    largestBulletinBytes: Math.max(0, ...bulletins.values()),
  };
}
