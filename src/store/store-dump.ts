import { z } from "zod";
import { auditEntrySchema } from "./audit-entry.js";
import { cardInstanceSchema } from "./card-instance.js";
import { officeOverrideSchema } from "./office-override.js";
import { outboxMessageSchema } from "./outbox-message.js";
import { personSettingsSchema } from "./person-settings.js";
import { progressReportSchema } from "./progress-report.js";
import { promptSchema } from "./prompt.js";
import { importRecordSchema, registryImportSchema } from "./registry-import.js";
import { workflowRequestSchema } from "./workflow-request.js";

export const DUMP_FORMAT = "duban-store-dump";
/** Raised whenever the dump's shape changes; a reader refuses versions it does not know. */
export const DUMP_VERSION = 1;

/**
 * Everything a store holds, in a form any store can load: what `duban backup` writes. Claims and
 * locks are left out on purpose: they only guard work in flight and expire on their own.
 */
export const storeDumpSchema = z.object({
  format: z.literal(DUMP_FORMAT),
  version: z.literal(DUMP_VERSION),
  registry: z.object({
    current: registryImportSchema.nullable(),
    imports: z.array(importRecordSchema),
  }),
  /** By task number, then in the order appended. */
  progress: z.array(progressReportSchema),
  /** In the order created. */
  requests: z.array(workflowRequestSchema),
  /** By id. */
  outbox: z.array(outboxMessageSchema),
  /** By card id. */
  cards: z.array(cardInstanceSchema),
  /** By person id, then key. */
  prompts: z.array(z.object({ personId: z.string().min(1), prompt: promptSchema })),
  /** By person id. */
  people: z.array(z.object({ personId: z.string().min(1), settings: personSettingsSchema })),
  /** By seq. */
  audit: z.array(auditEntrySchema),
  /** By key (office-override.ts); absent from backups made before there were any. */
  overrides: z.array(officeOverrideSchema).default([]),
});
export type StoreDump = z.infer<typeof storeDumpSchema>;

/** The parts of a dump that hold records, for counting and for emptiness checks. */
export type DumpSection = Exclude<keyof StoreDump, "format" | "version">;
