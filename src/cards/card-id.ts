import { createHash } from "node:crypto";

/** A card id WeCom accepts as task_id ([0-9A-Za-z_-@], ≤ 128 bytes) and never sees twice. */
export function cardIdFor(idempotencyKey: string): string {
  return `duban-${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 40)}`;
}
