/**
 * The Stream protocol's frames (brief §2.1 and §9; developerpedia docs/learn/stream/protocol.md):
 * what the gateway pushes, and the acks and echoes this client sends back. Pure functions: the
 * connection code decides when, these decide what.
 */

export const ROBOT_MESSAGE_TOPIC = "/v1.0/im/bot/messages/get";
export const CARD_CALLBACK_TOPIC = "/v1.0/card/instances/callback";
/** Only "*" is supported for events: the events ticked in the developer console. */
export const ALL_EVENTS_TOPIC = "*";

export interface StreamSubscription {
  type: "EVENT" | "CALLBACK";
  topic: string;
}

export const DEFAULT_SUBSCRIPTIONS: readonly StreamSubscription[] = [
  { type: "EVENT", topic: ALL_EVENTS_TOPIC },
  { type: "CALLBACK", topic: ROBOT_MESSAGE_TOPIC },
  { type: "CALLBACK", topic: CARD_CALLBACK_TOPIC },
];

/** A pushed robot message, card click or event, as the channel's handler receives it. */
export interface StreamFrame {
  type: "EVENT" | "CALLBACK";
  topic: string;
  /** The stream's id for this push; a redelivery carries a new one (dedupe on the payload's ids). */
  messageId: string;
  /** Every header value as a string (time, eventType, eventId, …). */
  headers: Record<string, string>;
  /** The payload: a JSON string. */
  data: string;
}

/**
 * What the handler answers. "ok": the frame is safely stored; it is acked (code 200) with `data`
 * JSON-stringified, or the default for its type. "retry-later": it could not be stored; no ack is
 * sent, so the gateway delivers it again.
 */
export type FrameAck = { status: "ok"; data?: unknown } | { status: "retry-later" };

export type Downstream =
  | { kind: "push"; frame: StreamFrame }
  | { kind: "system"; topic: string; messageId?: string; headers: Record<string, string>; data: string };

export type ParsedDownstream =
  | { ok: true; value: Downstream }
  | { ok: false; reason: string; messageId?: string };

const CONTENT_TYPE = "application/json";

/** Never throws: whatever arrives, the answer is a frame or a reason to log. */
export function parseDownstream(text: string): ParsedDownstream {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not JSON" };
  }
  if (!isRecord(raw)) return { ok: false, reason: "not a JSON object" };
  if (!isRecord(raw.headers)) return { ok: false, reason: "no headers object" };
  const headers = stringHeaders(raw.headers);
  const messageId = nonEmpty(headers.messageId);
  const topic = nonEmpty(headers.topic);
  const fail = (reason: string): ParsedDownstream => ({
    ok: false,
    reason,
    ...(messageId ? { messageId } : {}),
  });
  if (!topic) return fail("no topic header");
  const type = raw.type;
  if (type === "SYSTEM") {
    // A disconnect may come without a messageId (the protocol doc's own example has none).
    const data = typeof raw.data === "string" ? raw.data : "";
    return { ok: true, value: { kind: "system", topic, ...(messageId ? { messageId } : {}), headers, data } };
  }
  if (type !== "EVENT" && type !== "CALLBACK") return fail(`unknown type ${describeType(type)}`);
  if (!messageId) return fail("no messageId header");
  if (typeof raw.data !== "string") return fail("data is not a string");
  return { ok: true, value: { kind: "push", frame: { type, topic, messageId, headers, data: raw.data } } };
}

/**
 * The default ack data: robot messages and card clicks `{"response":null}` (the gateway ignores it
 * for robot messages; a card click may answer a card update instead), events SUCCESS.
 */
export function defaultAckData(frame: Pick<StreamFrame, "type">): unknown {
  return frame.type === "EVENT" ? { status: "SUCCESS", message: "OK" } : { response: null };
}

/** The documented ack: code 200, the push's messageId, message "OK", data a JSON string. */
export function ackText(messageId: string, data: unknown): string {
  return JSON.stringify({
    code: 200,
    headers: { contentType: CONTENT_TYPE, messageId },
    message: "OK",
    data: JSON.stringify(data),
  });
}

/** A SYSTEM ping answered with its own headers and data (the opaque id). */
export function pongText(ping: { headers: Record<string, string>; data: string }): string {
  return JSON.stringify({ code: 200, headers: ping.headers, message: "OK", data: ping.data });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Header values are strings on the wire (brief §9); numbers and booleans are tolerated as text. */
function stringHeaders(raw: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === "string") headers[name] = value;
    else if (typeof value === "number" || typeof value === "boolean") headers[name] = String(value);
  }
  return headers;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value !== "" ? value : undefined;
}

function describeType(type: unknown): string {
  return typeof type === "string" ? JSON.stringify(type.slice(0, 40)) : typeof type;
}
