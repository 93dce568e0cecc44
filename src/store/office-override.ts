import { z } from "zod";
import { registrySchema } from "../registry/registry.js";
import { isoDateSchema, isoInstantSchema } from "./iso-instant.js";
import { importSourceSchema } from "./registry-import.js";

const setFields = {
  /** The person id of the admin who set it. */
  setBy: z.string().min(1),
  setAt: isoInstantSchema,
  /** What the admin wrote with it ("区政府统一安排", a reason). */
  note: z.string().optional(),
};

/**
 * What the office changed in chat that the reminder ladder and the working-day calendar honour,
 * until the matching command undoes it:
 * - `calendar-day`: a local day off (休) or working day (班) on top of the official arrangement and
 *   the config's overrides (/calendar add, /calendar remove);
 * - `mute-unit` / `mute-task`: no reminders for a unit, or for a task (/mute, /unmute);
 * - `pending-import`: a notice an admin sent in chat, read but not yet applied: `/import confirm`
 *   makes it the registry, `/import cancel` drops it; one per admin, of no effect after `expiresAt`.
 */
export const officeOverrideSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("calendar-day"), date: isoDateSchema, working: z.boolean(), ...setFields }),
  z.object({ kind: z.literal("mute-unit"), unit: z.string().min(1), ...setFields }),
  z.object({ kind: z.literal("mute-task"), taskNo: z.number().int().positive(), ...setFields }),
  z.object({
    kind: z.literal("pending-import"),
    ...setFields,
    expiresAt: isoInstantSchema,
    /** The file's name as sent, its format and digest: the registry's source once applied. */
    source: importSourceSchema,
    registry: registrySchema,
    /** The import summary as first answered, for `/import` and its pages to show again. */
    summary: z.string(),
  }),
]);
export type OfficeOverride = z.infer<typeof officeOverrideSchema>;

/** One override per key: a date, a unit, a task. Setting one again replaces it. */
export function overrideKey(override: OfficeOverride): string {
  switch (override.kind) {
    case "calendar-day":
      return `calendar-day/${override.date}`;
    case "mute-unit":
      return `mute-unit/${override.unit}`;
    case "mute-task":
      return `mute-task/${override.taskNo}`;
    case "pending-import":
      return `pending-import/${override.setBy}`;
  }
}

/** The local calendar days among the overrides, as the working-day calendar takes them. */
export async function listOfficeDays(
  overrides: Pick<OverrideStore, "list">,
): Promise<{ date: string; working: boolean; note?: string }[]> {
  return (await overrides.list()).flatMap((o) =>
    o.kind === "calendar-day"
      ? [{ date: o.date, working: o.working, ...(o.note !== undefined ? { note: o.note } : {}) }]
      : [],
  );
}

/** The office's overrides, a short list read whole (by the sweep, the calendar, the commands). */
export interface OverrideStore {
  /** Every override, by key. */
  list(): Promise<OfficeOverride[]>;
  /** Stores an override, replacing the one under the same key. */
  put(override: OfficeOverride): Promise<void>;
  /** Removes the override under `key`; false when there was none. */
  remove(key: string): Promise<boolean>;
}
