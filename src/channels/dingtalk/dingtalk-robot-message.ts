import { z } from "zod";
import type { InboundEvent } from "../channel.js";
import type { SessionWebhook } from "./dingtalk-contracts.js";
import { parseJson, problemOf } from "./dingtalk-json.js";

/** A text message as the neutral event. */
export type DingtalkTextEvent = Extract<InboundEvent, { kind: "text" }>;
/** A file sent to the robot as the neutral event: `ref` is its downloadCode. */
export type DingtalkFileEvent = Extract<InboundEvent, { kind: "file" }>;

/**
 * Why a well-formed robot message is not handed on, in words fixed here (log and metric values):
 * - `outside-org`: no senderStaffId, so the sender is not a member of the organisation (brief §1.2)
 *   and has no userId to be known or answered by;
 * - `not-text`: a picture, audio, video, unknownMsgType, or a richText with no text part;
 * - `empty-text`: nothing left after trimming (an @-mention alone).
 */
export type RobotIgnoredReason = "outside-org" | "not-text" | "empty-text";

export type RobotMessageReading =
  | {
      kind: "text";
      event: DingtalkTextEvent;
      /** The sender's reply address, when the message carried a usable one. */
      session?: { userId: string; webhook: SessionWebhook };
      /**
       * Set when the message carried a sessionWebhook outside DingTalk's hosts (and the trusted
       * origins): the webhook was dropped, the message kept. Only the origin, safe to log: the
       * whole URL is a credential for replying into the chat.
       */
      untrustedWebhookOrigin?: string;
    }
  | {
      kind: "file";
      event: DingtalkFileEvent;
      session?: { userId: string; webhook: SessionWebhook };
      untrustedWebhookOrigin?: string;
    }
  | { kind: "ignored"; reason: RobotIgnoredReason; msgId: string; msgtype: string }
  /** Not a robot message: `problem` names the field, never its value. */
  | { kind: "malformed"; problem: string };

export interface RobotMessageOptions {
  /**
   * Origins trusted for sessionWebhooks besides DingTalk's own `https://*.dingtalk.com` and
   * `https://*.dingtalk.io`: the origin of DINGTALK_API_BASE_URL when it points at a local fake.
   */
  trustedWebhookOrigins?: readonly string[];
  /**
   * When the service received it, on its own clock: the event's time. The turn's time decides the
   * reporting cycle a report counts for, so it is read on the clock that schedules everything (a
   * demo clock against a local fake included), not DingTalk's createAt. Absent: createAt.
   */
  receivedAt?: Date;
}

// Only what Duban reads; every other field (atUsers, senderNick, robotCode…) is allowed and dropped.
const robotMessage = z.object({
  msgId: z.string().min(1).max(256),
  msgtype: z.string().min(1).max(64),
  createAt: z.number().int().positive().max(8.64e15),
  senderStaffId: z.string().optional(),
  // Checked only for msgtype text: a picture with an odd `text` field is still just a picture.
  text: z.unknown().optional(),
  content: z.unknown().optional(),
  sessionWebhook: z.unknown().optional(),
  sessionWebhookExpiredTime: z.unknown().optional(),
  conversationType: z.unknown().optional(),
});

const textContent = z.object({ content: z.string() });
const richTextParts = z.object({ richText: z.array(z.unknown()) });
/** msgtype file (brief §1.2): what the download API takes, and the name the sender's file had. */
const fileContent = z.object({
  downloadCode: z.string().min(1).max(4096),
  fileName: z.string().min(1).max(1024),
  fileId: z.string().optional(),
  spaceId: z.string().optional(),
});

/**
 * Reads a robot message: the HTTP callback's body and the Stream `data` of topic
 * `/v1.0/im/bot/messages/get` are the same JSON (brief §1.2). Never throws.
 *
 * The event's id is `dingtalk:msg:<msgId>`: a Stream redelivery has a new frame messageId but the
 * same msgId, so the inbox dedupes on it. `from` is senderStaffId (the org userId admins are
 * authorised by, never the nickname); the text is trimmed, since a group message keeps a leading
 * space where the @-mention was stripped. A richText message counts as text when it has text
 * parts: they are joined with line breaks (an image between two paragraphs separates them) and
 * its images are dropped. A file is handed on by its downloadCode and name (the office's import
 * reads it; never its bytes, which the inbox would store). Audio is not taken, though DingTalk adds a machine transcription
 * (`recognition`): a misheard command must not change a task.
 */
export function readRobotMessage(
  body: string | Buffer,
  options: RobotMessageOptions = {},
): RobotMessageReading {
  const json = parseJson(body);
  if (!json.ok) return { kind: "malformed", problem: json.problem };
  const parsed = robotMessage.safeParse(json.value);
  if (!parsed.success) return { kind: "malformed", problem: problemOf(parsed.error) };
  const message = parsed.data;
  const ignored = (reason: RobotIgnoredReason) =>
    ({ kind: "ignored", reason, msgId: message.msgId, msgtype: message.msgtype }) as const;

  const userId = message.senderStaffId;
  if (!userId) return ignored("outside-org");
  const at = (options.receivedAt ?? new Date(message.createAt)).toISOString();
  if (message.msgtype === "file") {
    const parsedFile = fileContent.safeParse(message.content);
    if (!parsedFile.success) return { kind: "malformed", problem: `content.${problemOf(parsedFile.error)}` };
    const event: DingtalkFileEvent = {
      kind: "file",
      eventId: `dingtalk:msg:${message.msgId}`,
      channel: "dingtalk",
      from: userId,
      at,
      fileName: parsedFile.data.fileName,
      ref: parsedFile.data.downloadCode,
    };
    return withSession({ kind: "file", event }, message, userId, options);
  }
  let text: string;
  if (message.msgtype === "text") {
    if (message.text === undefined) return { kind: "malformed", problem: "text: missing in a text message" };
    const parsedText = textContent.safeParse(message.text);
    if (!parsedText.success) return { kind: "malformed", problem: `text.${problemOf(parsedText.error)}` };
    text = parsedText.data.content;
  } else if (message.msgtype === "richText") {
    const parts = textPartsOf(message.content);
    if (parts.length === 0) return ignored("not-text");
    text = parts.join("\n");
  } else {
    return ignored("not-text");
  }
  text = text.trim();
  if (text === "") return ignored("empty-text");

  const event: DingtalkTextEvent = {
    kind: "text",
    eventId: `dingtalk:msg:${message.msgId}`,
    channel: "dingtalk",
    from: userId,
    text,
    at,
  };
  return withSession({ kind: "text", event }, message, userId, options);
}

/** The reading with the sender's reply address, when the message carried a usable one. */
function withSession<R extends Extract<RobotMessageReading, { kind: "text" | "file" }>>(
  reading: R,
  message: z.infer<typeof robotMessage>,
  userId: string,
  options: RobotMessageOptions,
): R {
  const webhook = sessionWebhookOf(message, options.trustedWebhookOrigins ?? []);
  if (webhook === undefined) return reading;
  if (typeof webhook === "string") return { ...reading, untrustedWebhookOrigin: webhook };
  return { ...reading, session: { userId, webhook } };
}

function textPartsOf(content: unknown): string[] {
  const parsed = richTextParts.safeParse(content);
  if (!parsed.success) return [];
  const texts: string[] = [];
  for (const part of parsed.data.richText) {
    if (typeof part === "object" && part !== null && "text" in part && typeof part.text === "string") {
      texts.push(part.text);
    }
  }
  return texts;
}

/**
 * The reply address, undefined when absent or unusable, or the origin alone when it lies outside
 * DingTalk. The HTTP callback's body is not signed (only the timestamp is), so a replayed sign
 * with a forged body could otherwise point Duban's replies at a foreign server.
 */
function sessionWebhookOf(
  message: z.infer<typeof robotMessage>,
  trustedOrigins: readonly string[],
): SessionWebhook | string | undefined {
  const { sessionWebhook, sessionWebhookExpiredTime, conversationType } = message;
  if (typeof sessionWebhook !== "string" || !URL.canParse(sessionWebhook)) return undefined;
  const expiresAtMs =
    typeof sessionWebhookExpiredTime === "string" && /^[0-9]{1,15}$/.test(sessionWebhookExpiredTime)
      ? Number(sessionWebhookExpiredTime)
      : sessionWebhookExpiredTime;
  if (typeof expiresAtMs !== "number" || !Number.isSafeInteger(expiresAtMs) || expiresAtMs <= 0)
    return undefined;
  const type = String(conversationType);
  if (type !== "1" && type !== "2") return undefined;
  const url = new URL(sessionWebhook);
  if (!isDingtalkHost(url) && !trustedOrigins.includes(url.origin)) return url.origin;
  return { url: sessionWebhook, expiresAtMs, conversationType: type };
}

function isDingtalkHost(url: URL): boolean {
  if (url.protocol !== "https:") return false;
  return [".dingtalk.com", ".dingtalk.io"].some((suffix) => url.hostname.endsWith(suffix));
}
