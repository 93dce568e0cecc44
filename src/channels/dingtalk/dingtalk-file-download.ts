import type { FetchFileResult } from "../channel.js";
import { downloadCapped } from "../download-capped.js";
import type { DingtalkApi } from "./dingtalk-contracts.js";

export const MESSAGE_FILES_DOWNLOAD_PATH = "/v1.0/robot/messageFiles/download";

/**
 * A file someone sent the robot (msgtype file: content.downloadCode), in two steps (brief §1.2):
 * POST /v1.0/robot/messageFiles/download {downloadCode, robotCode} through the app's client
 * (token, rate bucket, bans; not metered: it sends nothing) answers a short-lived downloadUrl,
 * then a plain GET of it, capped at `maxBytes`. Never throws.
 */
export async function downloadDingtalkFile(
  api: DingtalkApi,
  input: {
    robotCode: string;
    downloadCode: string;
    maxBytes: number;
    fetch?: typeof fetch;
    timeoutMs?: number;
  },
): Promise<FetchFileResult> {
  const answer = await api.call<{ downloadUrl?: unknown }>({
    method: "POST",
    path: MESSAGE_FILES_DOWNLOAD_PATH,
    metered: false,
    body: { downloadCode: input.downloadCode, robotCode: input.robotCode },
  });
  if (!answer.ok) {
    const { failure } = answer;
    // A refused parameter is the download code: expired, or never this robot's.
    const gone = failure.kind === "bad-request";
    return {
      ok: false,
      problem: gone ? "gone" : "failed",
      reason: `messageFiles/download: ${failure.message}`,
    };
  }
  const url = answer.body.downloadUrl;
  if (typeof url !== "string" || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    return {
      ok: false,
      problem: "failed",
      reason: "messageFiles/download: no usable downloadUrl in the answer",
    };
  return downloadCapped(url, {
    maxBytes: input.maxBytes,
    label: "DingTalk file download",
    ...(input.fetch ? { fetch: input.fetch } : {}),
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
  });
}
