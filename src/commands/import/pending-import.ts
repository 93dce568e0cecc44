import type { Turn } from "../../conversation/turn.js";
import { type OfficeOverride, overrideKey } from "../../store/office-override.js";

/** A notice an admin sent in chat, read and kept until `/import confirm` applies it. */
export type PendingImport = Extract<OfficeOverride, { kind: "pending-import" }>;

/** How long a read file waits for its confirmation: after that it is as if never sent. */
export const PENDING_IMPORT_MS = 60 * 60 * 1000;

/**
 * The most a pending import may weigh as stored JSON. It sits among the office's overrides, which
 * are read whole by every sweep; a registry this large is a wrong file rather than a notice.
 */
export const PENDING_IMPORT_MAX_BYTES = 2 * 1024 * 1024;

const keyOf = (actor: string) => `pending-import/${actor}`;

/** The admin's pending import still in force at the turn's time; an expired one is removed. */
export async function findPendingImport(turn: Turn, actor: string): Promise<PendingImport | undefined> {
  const key = keyOf(actor);
  const found = (await turn.deps.store.overrides.list()).find(
    (o): o is PendingImport => o.kind === "pending-import" && overrideKey(o) === key,
  );
  if (!found) return undefined;
  if (Date.parse(found.expiresAt) > Date.parse(turn.at)) return found;
  await turn.deps.store.overrides.remove(key);
  return undefined;
}

/** Keeps the admin's pending import, replacing an earlier one of theirs. */
export async function keepPendingImport(turn: Turn, pending: PendingImport): Promise<void> {
  await turn.deps.store.overrides.put(pending);
}

/** Drops the admin's pending import; false when there was none. */
export async function dropPendingImport(turn: Turn, actor: string): Promise<boolean> {
  return turn.deps.store.overrides.remove(keyOf(actor));
}
