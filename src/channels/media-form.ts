import type { MediaMessage } from "./message.js";

/** The content type a media upload declares for its part: PNG, the Excel workbook, else bytes. */
export function mediaContentType(fileName: string): string {
  const extension = fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
  csv: "text/csv",
};

/**
 * The multipart/form-data body WeCom's media/upload, the robot's upload_media and DingTalk's
 * media/upload all take: one part named `media`, with the file's name and content type.
 */
export function mediaForm(media: Pick<MediaMessage, "fileName" | "base64">): FormData {
  const form = new FormData();
  const bytes = Buffer.from(media.base64, "base64");
  form.append("media", new Blob([bytes], { type: mediaContentType(media.fileName) }), media.fileName);
  return form;
}
