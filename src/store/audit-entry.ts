import { z } from "zod";
import { isoInstantSchema } from "./iso-instant.js";

export const newAuditEntrySchema = z.object({
  at: isoInstantSchema,
  /** Who acted: a person id, or "system" for the scheduler. */
  actor: z.string().min(1),
  /** What happened, e.g. "progress.recorded", "request.approved", "reply.refused". */
  action: z.string().min(1),
  taskNo: z.number().int().positive().optional(),
  unit: z.string().min(1).optional(),
  /** The person the entry is about, when not the actor (a reminded contact). */
  person: z.string().min(1).optional(),
  details: z.record(z.string(), z.unknown()),
});
export type NewAuditEntry = z.infer<typeof newAuditEntrySchema>;

export const auditEntrySchema = newAuditEntrySchema.extend({
  /** 1, 2, … in the order entries were appended. */
  seq: z.number().int().positive(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Criteria for `audit.query`; every given one must match. */
export interface AuditQuery {
  taskNo?: number;
  unit?: string;
  person?: string;
  /** Inclusive. */
  from?: Date | string;
  /** Exclusive. */
  to?: Date | string;
  limit?: number;
  /** By `at`, then by `seq`; "desc" gives the most recent first. Default "asc". */
  order?: "asc" | "desc";
}

/**
 * The append-only log of everything done (全程留痕). Entries are never changed; only retention
 * removes them, after `retention.auditDays` (3 years by default).
 */
export interface AuditStore {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries matching every given criterion, in time order. */
  query(query?: AuditQuery): Promise<AuditEntry[]>;
}
