import { createHash } from "node:crypto";
import type { Clock } from "../shared/clock.js";
import type { MediaMessage } from "./message.js";

/** Uploads remembered at most: a day's digest charts and ledgers, not an archive. */
const REMEMBERED = 200;

export interface MediaIds {
  /**
   * The platform's id for this image or file: uploaded by `upload` now, or the one an upload of the
   * same bytes under the same name gave within `reuseMs` (or is giving: concurrent sends share it).
   * A failed upload is not remembered.
   */
  get(media: MediaMessage, upload: () => Promise<string>): Promise<string>;
}

/**
 * Remembered media ids, in this process. Reusing one keeps a message sent again identical (WeCom's
 * duplicate check compares the JSON; a fresh upload is a fresh id), and lets DingTalk's robot
 * gather the recipients of one file into one batchSend, whose requests must match to the byte.
 */
export function createMediaIds(clock: Clock, reuseMs: number): MediaIds {
  const known = new Map<string, { id: Promise<string>; untilMs: number }>();
  return {
    get(media, upload) {
      const key = createHash("sha256")
        .update(`${media.kind}\u0000${media.fileName}\u0000`)
        .update(media.base64)
        .digest("hex");
      const now = clock.now().getTime();
      const cached = known.get(key);
      if (cached && cached.untilMs > now) return cached.id;
      for (const [old, entry] of known)
        if (entry.untilMs <= now || known.size >= REMEMBERED) known.delete(old);
      const id = upload();
      known.set(key, { id, untilMs: now + reuseMs });
      id.catch(() => {
        if (known.get(key)?.id === id) known.delete(key);
      });
      return id;
    },
  };
}
