import type { Clock } from "../../shared/clock.js";
import { mediaForm } from "../media-form.js";
import { createMediaIds } from "../media-ids.js";
import type { MediaMessage } from "../message.js";
import type { WecomApi } from "./wecom-api.js";
import { WecomApiError } from "./wecom-api-error.js";

/** A media_id lasts three days (Doc 90253); one is reused for a day at most, well inside that. */
const REUSE_MS = 24 * 3_600_000;

export interface WecomMediaUploader {
  /** The media_id of this image or file, uploaded now or earlier; rejects as WecomApi.post does. */
  mediaId(media: MediaMessage): Promise<string>;
}

/**
 * Uploads through media/upload (multipart, part `media` with the file's name, Doc 90253), reusing
 * the media_id of the same bytes for a day, so that a message sent again renders to the same
 * message/send JSON, which WeCom's duplicate check compares (platformDedupe).
 */
export function createWecomMediaUploader(api: WecomApi, clock: Clock): WecomMediaUploader {
  const ids = createMediaIds(clock, REUSE_MS);
  return {
    mediaId: (media) =>
      ids.get(media, async () => {
        const answer = await api.postForm("media/upload", { type: media.kind }, () => mediaForm(media));
        if (typeof answer.media_id !== "string" || answer.media_id === "")
          throw new WecomApiError("media/upload", -1, "no media_id in the answer");
        return answer.media_id;
      }),
  };
}
