import { createHash } from "node:crypto";
import type { InboundEvent } from "../channels/channel.js";

/**
 * A request's id, from the event that made it: a redelivered event would make the same id (the
 * store refuses a second create), and the id stays short and readable: "completion-52-3fa9c1d2e4b7".
 */
export function requestIdFor(kind: "completion" | "extension", taskNo: number, event: InboundEvent): string {
  const digest = createHash("sha256").update(`${event.channel}\u0000${event.eventId}`).digest("hex");
  return `${kind}-${taskNo}-${digest.slice(0, 12)}`;
}
