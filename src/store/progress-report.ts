import { z } from "zod";
import { isoInstantSchema } from "./iso-instant.js";

/** The statuses the workflow uses today; the type stays open so that later steps can add theirs. */
export type ProgressStatus =
  | "acknowledged"
  | "on-track"
  | "difficulty"
  /** Not a report: closes the open difficulty (the office coordinated it, or the unit solved it). */
  | "difficulty-resolved"
  | "completion-requested"
  | "completed"
  | "returned"
  | (string & {});

export const progressValueSchema = z.object({
  /** Index into the task's `indicators`. */
  indicator: z.number().int().nonnegative(),
  value: z.number(),
  /** The unit as the reporter wrote it (人, 亿元, %…). */
  unit: z.string(),
});
export type ProgressValue = z.infer<typeof progressValueSchema>;

export const newProgressReportSchema = z.object({
  taskNo: z.number().int().positive(),
  unit: z.string().min(1),
  /** The reporting cycle the report answers, e.g. "2021-03" or "2021-W12". */
  cycle: z.string().min(1),
  /** The person id of the reporter. */
  reportedBy: z.string().min(1),
  reportedAt: isoInstantSchema,
  status: z.custom<ProgressStatus>((value) => typeof value === "string" && value.length > 0, {
    message: "must be a non-empty status such as on-track",
  }),
  percent: z.number().min(0).max(100).optional(),
  values: z.array(progressValueSchema),
  note: z.string(),
  /** Set when `note` was cut to the stored-text cap (4 KB): its original length in characters. */
  noteLength: z.number().int().positive().optional(),
  source: z.enum(["card", "text", "import"]),
  /**
   * 代报: the office reported for the unit. `reportedBy` is then the admin, not one of the unit's
   * contacts; absent for the unit's own reports.
   */
  proxy: z.literal(true).optional(),
});
export type NewProgressReport = z.infer<typeof newProgressReportSchema>;

export const progressReportSchema = newProgressReportSchema.extend({
  /** 1, 2, … per task, unit and cycle; assigned by the store, never with a gap. */
  version: z.number().int().positive(),
});
export type ProgressReport = z.infer<typeof progressReportSchema>;

/**
 * Progress reports with their version history. "Latest" means the most recently appended.
 */
export interface ProgressStore {
  /** Stores a report and returns it with the version the store gave it, atomically. */
  append(report: NewProgressReport): Promise<ProgressReport>;
  /** Every version for a task (or one of its units), oldest first. */
  history(taskNo: number, unit?: string): Promise<ProgressReport[]>;
  /** The unit's most recent report, in `cycle` when given. */
  latest(taskNo: number, unit: string, cycle?: string): Promise<ProgressReport | undefined>;
  /** Each unit's most recent report on the task, ordered by unit name. */
  latestPerUnit(taskNo: number): Promise<ProgressReport[]>;
  /**
   * Each unit's most recent report on every task, ordered by task then unit name: what the
   * reminder sweep reads several times a day, in one read rather than one per task.
   */
  latestOfEveryUnit(): Promise<ProgressReport[]>;
}
