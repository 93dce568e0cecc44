import type { Clock } from "../../shared/clock.js";
import { message } from "../../templates/template-store.js";
import { mediaForm } from "../media-form.js";
import { createMediaIds } from "../media-ids.js";
import type { MediaMessage } from "../message.js";
import type { DingtalkAnswer, DingtalkApi, DingtalkFailure } from "./dingtalk-contracts.js";
import type { DingtalkPart } from "./dingtalk-render.js";

/** DingTalk keeps uploaded media while the organisation exists; one id is reused for a day. */
const REUSE_MS = 24 * 3_600_000;

export const MEDIA_UPLOAD_PATH = "/media/upload";

export interface DingtalkMediaUploader {
  /** The media_id of this image or file, uploaded now or earlier, or why there is none. */
  mediaId(media: MediaMessage): Promise<DingtalkAnswer<string>>;
}

/**
 * Uploads through the old API's media/upload (`POST oapi…/media/upload?access_token=…&type=image|file`,
 * multipart, part `media` with the file's name), through the app's one client so that its token,
 * rate bucket and ban pause apply. Counted as a metered call: the monthly allowance counts calls.
 */
export function createDingtalkMediaUploader(api: DingtalkApi, clock: Clock): DingtalkMediaUploader {
  const ids = createMediaIds(clock, REUSE_MS);
  return {
    async mediaId(media) {
      try {
        return {
          ok: true,
          body: await ids.get(media, async () => {
            const answer = await api.call<{ media_id?: unknown }>({
              method: "POST",
              path: MEDIA_UPLOAD_PATH,
              metered: true,
              oapi: { query: { type: media.kind }, form: () => mediaForm(media) },
            });
            if (answer.ok && typeof answer.body.media_id === "string" && answer.body.media_id !== "")
              return answer.body.media_id;
            throw new UploadFailed(
              answer.ok ? { kind: "transient", message: message("dingtalk", "noMediaId") } : answer.failure,
            );
          }),
        };
      } catch (error) {
        // Also for a send that shared another's upload (the same file to several people at once).
        if (error instanceof UploadFailed) return { ok: false, failure: error.failure };
        throw error;
      }
    },
  };
}

/** Carries the failure out of a shared upload to everyone waiting on it. */
class UploadFailed extends Error {
  constructor(readonly failure: DingtalkFailure) {
    super(`DingTalk media/upload failed: ${failure.kind}`);
  }
}

/**
 * An uploaded image or file as a robot message (企业机器人发送消息的消息类型): sampleImageMsg takes
 * the media_id as its photoURL; sampleFile its mediaId, the name shown and the extension. Neither
 * goes through a session webhook, which sends no media: `webhook` is absent.
 */
export function dingtalkMediaPart(media: MediaMessage, mediaId: string): DingtalkPart {
  if (media.kind === "image")
    return { msgKey: "sampleImageMsg", msgParam: JSON.stringify({ photoURL: mediaId }) };
  const dot = media.fileName.lastIndexOf(".");
  const fileType = dot > 0 ? media.fileName.slice(dot + 1).toLowerCase() : "file";
  return {
    msgKey: "sampleFile",
    msgParam: JSON.stringify({ mediaId, fileName: media.fileName, fileType }),
  };
}
