import { createHash } from "node:crypto";
import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import { message } from "../../templates/template-store.js";
import type { SendResult } from "../channel.js";
import { mediaForm } from "../media-form.js";
import type { MediaMessage } from "../message.js";
import { splitText } from "../split-text.js";
import { mayHaveArrived, WecomApiError, WecomTransportError } from "./wecom-api-error.js";
import { requestWecomJson } from "./wecom-request-json.js";
import { toSendFailure } from "./wecom-send-failure.js";

/** A 消息推送 (group robot) webhook: the key is its only credential (Doc 99110, brief §6). */
export interface WecomRobot {
  /** The name a directory group reaches it by (`robot:<name>`). */
  readonly name: string;
  /** Safe to log and to show: derived from the key, never the key. */
  readonly label: string;
  /** Posts markdown (split into ≤ 4096-byte messages), queued to ≤ 20 messages a minute. */
  sendMarkdown(markdown: string): Promise<SendResult>;
  /**
   * Posts an image (base64 and md5 in the message, ≤ 2 MB) or a file (upload_media first, then its
   * media_id), in the same queue as markdown.
   */
  sendMedia(media: MediaMessage): Promise<SendResult>;
}

export interface WecomRobotOptions {
  key: string;
  /** Default: the label. */
  name?: string;
  apiBaseUrl: string;
  clock: Clock;
  logger: Logger;
  /** Called once when WeCom answers 93000 (the key is invalid or the robot was removed). */
  onKeyInvalid?: (report: { robot: string; hint: string }) => void;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export const ROBOT_MARKDOWN_MAX_BYTES = 4096;
/** ≤ 20 messages per minute per robot; more answers 45009 (Doc 99110). */
export const ROBOT_PER_MINUTE = 20;
const MINUTE_MS = 60_000;
const RATE_LIMIT_ATTEMPTS = 3;

export function createWecomRobot(options: WecomRobotOptions): WecomRobot {
  const { clock } = options;
  const label = `robot-${createHash("sha256").update(options.key).digest("hex").slice(0, 8)}`;
  const logger = options.logger.child({ robot: label });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  const url = `${options.apiBaseUrl}/cgi-bin/webhook/send?key=${encodeURIComponent(options.key)}`;
  const uploadUrl = `${options.apiBaseUrl}/cgi-bin/webhook/upload_media?key=${encodeURIComponent(options.key)}`;
  const sentAtMs: number[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  let invalid = false;

  /** Waits until a message fits in the last minute's 20, then counts it. */
  async function takeSlot(): Promise<void> {
    for (;;) {
      const now = clock.now().getTime();
      while (sentAtMs.length > 0 && (sentAtMs[0] ?? 0) <= now - MINUTE_MS) sentAtMs.shift();
      if (sentAtMs.length < ROBOT_PER_MINUTE) break;
      await sleep((sentAtMs[0] ?? now) + MINUTE_MS - now);
    }
    sentAtMs.push(clock.now().getTime());
  }

  async function post(body: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await takeSlot();
      const answer = await requestWecomJson({
        method: "webhook/send",
        url,
        body,
        fetch: fetchFn,
        timeoutMs: options.timeoutMs ?? 10_000,
        secrets: [options.key],
      });
      if (answer.errcode === 0) return;
      // 45009: another sender shares the key, or the window was miscounted; wait it out and retry.
      if (answer.errcode !== 45009 || attempt >= RATE_LIMIT_ATTEMPTS) {
        throw new WecomApiError("webhook/send", answer.errcode, answer.errmsg);
      }
      await sleep(MINUTE_MS);
    }
  }

  /** A file's media_id from upload_media (multipart, part `media`); valid three days, this robot only. */
  async function uploadFile(media: MediaMessage): Promise<string> {
    const answer = await requestWecomJson({
      method: "webhook/upload_media",
      url: `${uploadUrl}&type=file`,
      form: mediaForm(media),
      fetch: fetchFn,
      timeoutMs: options.timeoutMs ?? 30_000,
      secrets: [options.key],
    });
    if (answer.errcode !== 0) throw new WecomApiError("webhook/upload_media", answer.errcode, answer.errmsg);
    if (typeof answer.media_id !== "string" || answer.media_id === "")
      throw new WecomApiError("webhook/upload_media", -1, "no media_id in the answer");
    return answer.media_id;
  }

  /** The webhook/send bodies of one message, built when its turn in the queue comes. */
  type Bodies = () => Promise<unknown[]>;

  const markdownBodies =
    (markdown: string): Bodies =>
    async () =>
      splitText(markdown, ROBOT_MARKDOWN_MAX_BYTES).map((content) => ({
        msgtype: "markdown",
        markdown: { content },
      }));

  const mediaBodies =
    (media: MediaMessage): Bodies =>
    async () => {
      if (media.kind === "file") return [{ msgtype: "file", file: { media_id: await uploadFile(media) } }];
      const md5 = createHash("md5").update(Buffer.from(media.base64, "base64")).digest("hex");
      return [{ msgtype: "image", image: { base64: media.base64, md5 } }];
    };

  async function sendAll(bodies: Bodies): Promise<SendResult> {
    if (invalid) return { status: "permanent-error", reason: message("wecom", "robotDisabled") };
    let posted = 0;
    let total = 0;
    try {
      const parts = await bodies();
      total = parts.length;
      if (parts.length === 0) return { status: "permanent-error", reason: message("wecom", "messageEmpty") };
      for (const part of parts) {
        await post(part);
        posted++;
      }
      return { status: "sent", platformMessageId: label };
    } catch (error) {
      if (error instanceof WecomApiError && error.errcode === 93000) {
        // Permanent: the robot was removed or the key is wrong. Stop, and let the admins know.
        invalid = true;
        const hint = error.hint ?? error.message;
        logger.error("WeCom robot key is invalid; robot disabled", { errcode: error.errcode });
        options.onKeyInvalid?.({ robot: label, hint });
        return { status: "permanent-error", reason: hint };
      }
      // The webhook has no duplicate check: what may have been posted must not be posted again.
      const unknown =
        error instanceof WecomTransportError && error.method === "webhook/send" && mayHaveArrived(error);
      if (posted > 0 || unknown) {
        logger.warn("WeCom robot message may have been posted; not to be sent again", {
          error,
          posted,
          total,
        });
        const detail =
          error instanceof WecomTransportError
            ? error.detail
            : error instanceof WecomApiError
              ? (error.hint ?? `errcode ${error.errcode}`)
              : error instanceof Error
                ? error.name
                : "unknown error";
        const view = { posted, total, detail };
        const reason =
          posted > 0 ? message("wecom", "robotPartlyPosted", view) : message("wecom", "robotNoAnswer", view);
        return { status: "outcome-unknown", reason };
      }
      logger.warn("WeCom robot message failed", { error });
      return toSendFailure(error, MINUTE_MS);
    }
  }

  /** One queue per robot: messages leave in order, and the per-minute count holds across callers. */
  function enqueue(bodies: Bodies): Promise<SendResult> {
    const result = queue.then(() => sendAll(bodies));
    queue = result;
    return result;
  }

  return {
    name: options.name ?? label,
    label,
    sendMarkdown: (markdown) => enqueue(markdownBodies(markdown)),
    sendMedia: (media) => enqueue(mediaBodies(media)),
  };
}
