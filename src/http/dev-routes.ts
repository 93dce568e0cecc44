import { randomUUID } from "node:crypto";
import type Router from "@koa/router";
import { z } from "zod";
import type { InboundEvent } from "../channels/channel.js";
import { LOCAL_CHANNEL } from "../channels/choose-channel.js";
import { describeLocalMessage } from "../channels/local/describe-local-message.js";
import type { LocalChannel, LocalSentMessage } from "../channels/local/local-channel.js";
import { mediaContentType } from "../channels/media-form.js";
import { base64Bytes } from "../channels/message.js";
import { type Clock, inBusinessTz } from "../shared/clock.js";
import { answerLocalEvent, type LocalInboundDeps } from "./answer-local-event.js";
import { localOnly } from "./local-only.js";
import { badRequest, readJsonBody } from "./read-json-body.js";

export interface DevRoutesDeps extends LocalInboundDeps {
  channel: LocalChannel;
  clock: Clock;
}

/** A file (base64, a third larger) up to the local channel's file size, with room for the JSON around it. */
const LOCAL_FILE_MAX_BYTES = 20 * 1024 * 1024;
const MAX_BODY_BYTES = Math.ceil((LOCAL_FILE_MAX_BYTES * 4) / 3) + 64 * 1024;

const inboundSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("text"),
    eventId: z.string().min(1).optional(),
    from: z.string().min(1),
    text: z.string().min(1),
  }),
  z.strictObject({
    kind: z.literal("card-action"),
    eventId: z.string().min(1).optional(),
    from: z.string().min(1),
    cardId: z.string().min(1),
    actionKey: z.string().min(1),
    /** As a platform sends with a click: lets a scenario exercise the card update after it. */
    updateToken: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal("file"),
    eventId: z.string().min(1).optional(),
    from: z.string().min(1),
    fileName: z.string().min(1),
    /** The file's content: the local channel keeps it and the event carries a ref, as a platform's does. */
    contentBase64: z.base64(),
  }),
]);

const outboxQuerySchema = z.object({
  to: z.string().min(1).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  /** `text`: one readable line per message, Beijing time first (for people trying Duban out). */
  format: z.enum(["json", "text"]).default("json"),
});

/**
 * The local channel's window, for development and scenario tests: GET /dev/outbox lists what it
 * sent (oldest first), POST /dev/inbound injects what a person "wrote", "clicked" or sent as a file
 * (`{kind: "file", from, fileName, contentBase64}`); GET /dev/files/<n> downloads an image or a file
 * it sent (in /dev/outbox, such a message lists its size and that path instead of its bytes). Mount only
 * when the local channel is on. Requests from anywhere but loopback get 403.
 */
export function mountDevRoutes(router: Router, deps: DevRoutesDeps): void {
  router.get("/dev/outbox", localOnly, (ctx) => {
    const query = outboxQuerySchema.safeParse(ctx.query);
    if (!query.success) return badRequest(ctx, query.error);
    const { to, since, format } = query.data;
    const messages = deps.channel.sent({
      ...(to !== undefined ? { to } : {}),
      ...(since !== undefined ? { since: new Date(since) } : {}),
    });
    if (format === "text") {
      ctx.type = "text/plain; charset=utf-8";
      ctx.body = messages
        .map(
          (m) =>
            `${inBusinessTz(m.at).format("YYYY-MM-DD HH:mm")} ${describeLocalMessage(m.name, m.message)}\n`,
        )
        .join("");
      return;
    }
    ctx.body = { messages: messages.map(withoutBytes) };
  });

  // An image or a file the local channel sent, by its number in /dev/outbox (`n`): what the
  // recipient would download. For the playground and scenario tests.
  router.get("/dev/files/:n", localOnly, (ctx) => {
    const n = Number(ctx.params.n);
    const sent = Number.isSafeInteger(n) ? deps.channel.sent().find((m) => m.n === n) : undefined;
    if (sent?.message.kind !== "image" && sent?.message.kind !== "file") {
      ctx.status = 404;
      ctx.body = { error: "no image or file was sent as this message" };
      return;
    }
    ctx.type = mediaContentType(sent.message.fileName);
    ctx.set(
      "content-disposition",
      `attachment; filename*=UTF-8''${encodeURIComponent(sent.message.fileName)}`,
    );
    ctx.body = Buffer.from(sent.message.base64, "base64");
  });

  router.post("/dev/inbound", localOnly, async (ctx) => {
    const input = await readJsonBody(ctx, inboundSchema, MAX_BODY_BYTES);
    if (input === undefined) return;
    const event = toEvent(input, deps.clock.now(), deps.channel);
    // Answered after the handler has finished, so a scenario can read /dev/outbox right away.
    await answerLocalEvent(ctx, deps, event);
  });
}

/** An image or a file listed by its name, size and download path, not its bytes (up to 20 MB). */
function withoutBytes(sent: LocalSentMessage): unknown {
  const { message } = sent;
  if (message.kind !== "image" && message.kind !== "file") return sent;
  const { base64, ...rest } = message;
  return { ...sent, message: { ...rest, bytes: base64Bytes(base64), download: `/dev/files/${sent.n}` } };
}

function toEvent(input: z.infer<typeof inboundSchema>, now: Date, channel: LocalChannel): InboundEvent {
  const eventId = input.eventId ?? `local-${randomUUID()}`;
  const at = now.toISOString();
  if (input.kind === "file") {
    const { contentBase64, ...rest } = input;
    const bytes = Buffer.from(contentBase64, "base64");
    return { ...rest, eventId, channel: LOCAL_CHANNEL, at, size: bytes.length, ref: channel.keepFile(bytes) };
  }
  return { ...input, eventId, channel: LOCAL_CHANNEL, at };
}
