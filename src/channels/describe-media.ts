import { message } from "../templates/template-store.js";
import { base64Bytes, type MediaMessage } from "./message.js";

/** "48 KB", "1.5 MB": how big a file is, as people read it. */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "[图片] 寇宁-2021-W14.png（48 KB）": an image or a file in one line (templates/channels.yaml). */
export function describeMedia(media: MediaMessage): string {
  const view = { name: media.fileName, size: sizeInWords(base64Bytes(media.base64)) };
  return message("channels", media.kind === "image" ? "mediaImage" : "mediaFile", view);
}

/**
 * What a channel that cannot send an image or a file sends instead: the caption the feature gave
 * for that case, else the one-line description (so the recipient knows something was meant).
 */
export function mediaAsText(media: MediaMessage): { kind: "text"; text: string } {
  return { kind: "text", text: media.caption ?? describeMedia(media) };
}
