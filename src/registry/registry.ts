import { z } from "zod";

/**
 * The task registry: what an imported notice (or task table) commits the government to.
 * This zod schema is the single source of truth for `duban import --json` and for storage.
 */

/** How a number binds: `min` "at least" (以上, default), `max` "at most" (以内/以下/控制在/不超过), `exact` (左右). */
export const boundSchema = z.enum(["min", "max", "exact"]);
export type Bound = z.infer<typeof boundSchema>;

export const indicatorSchema = z.object({
  /** The clause the number stands in, as written ("年内城镇新增就业6000人"). */
  text: z.string(),
  value: z.number(),
  /** The unit as written: 人, 个, 亿元, %, 万亩, 公里… */
  unit: z.string(),
  bound: boundSchema,
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const targetSchema = indicatorSchema.extend({
  /** What grows or is measured ("地区生产总值", "城镇居民人均可支配收入"). */
  subject: z.string(),
});
export type Target = z.infer<typeof targetSchema>;

export const sectionSchema = z.object({
  /** The chapter numeral as printed (二, 三, …). */
  no: z.string(),
  title: z.string(),
});
export type Section = z.infer<typeof sectionSchema>;

export const taskSchema = z.object({
  /** The number printed in the document. */
  no: z.number().int().positive(),
  /**
   * The number as the notice shows it, with its section ("二（1）", "一①", "三.2"), present only when
   * the notice restarts its numbering per section and `no` therefore counts through the notice.
   */
  ref: z.string().optional(),
  /** The chapter's title without its numeral. */
  section: z.string(),
  /** The sub-heading （一）… the task stands under, when the notice has one. */
  subsection: z.string().optional(),
  /** The task's sentence without the parenthetical. */
  text: z.string(),
  leaders: z.array(z.string()),
  hostUnits: z.array(z.string()),
  coUnits: z.array(z.string()),
  /** Group references kept as written (各镇街, 区直有关部门…); the directory says what they expand to. */
  unitGroups: z.array(z.string()),
  indicators: z.array(indicatorSchema),
  /** YYYY-MM-DD in Asia/Shanghai. */
  deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The deadline as written (完成时限: 6月底前), absent when the default (year end) applied. */
  deadlineText: z.string().optional(),
  /** The 1-based line (or table row) the task starts on. */
  line: z.number().int().positive(),
});
export type Task = z.infer<typeof taskSchema>;

export const problemSchema = z.object({
  /** 1-based line (or table row); 0 when the problem concerns the whole file. */
  line: z.number().int().nonnegative(),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const registryDocumentSchema = z.object({
  title: z.string(),
  docNo: z.string(),
  issuer: z.string(),
  /** YYYY-MM-DD, or "" when the document carries no date. */
  issuedOn: z.string(),
  year: z.number().int(),
});
export type RegistryDocument = z.infer<typeof registryDocumentSchema>;

export const registrySchema = z.object({
  document: registryDocumentSchema,
  targets: z.array(targetSchema),
  sections: z.array(sectionSchema),
  tasks: z.array(taskSchema),
  problems: z.array(problemSchema),
});
export type Registry = z.infer<typeof registrySchema>;

/** Every unit a task names, in the order written: hosts, then co-units, then groups. */
export function unitsOf(task: Pick<Task, "hostUnits" | "coUnits" | "unitGroups">): string[] {
  return [...task.hostUnits, ...task.coUnits, ...task.unitGroups];
}
