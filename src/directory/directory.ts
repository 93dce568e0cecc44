import { z } from "zod";

/**
 * The directory: who is who. Units with their aliases and contacts, what each group reference
 * expands to, the leaders, and the office's admins. Lives in `config/directory.yaml`.
 */

export const unitKindSchema = z.enum(["department", "town", "street", "park", "command-group", "external"]);
export type UnitKind = z.infer<typeof unitKindSchema>;

/** Platform ids of one person; either may be absent while the office fills the directory in. */
const platformIds = {
  wecomUserId: z.string().min(1).optional(),
  dingtalkUserId: z.string().min(1).optional(),
};

export const contactSchema = z.object({
  name: z.string().min(1),
  /** `contact` (联络员) reports progress; `head` (单位负责人) is told when the unit is late. */
  role: z.enum(["contact", "head"]),
  ...platformIds,
  phone: z.string().optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const unitSchema = z.object({
  name: z.string().min(1),
  kind: unitKindSchema,
  aliases: z.array(z.string().min(1)).default([]),
  contacts: z.array(contactSchema).default([]),
});
export type Unit = z.infer<typeof unitSchema>;

export const groupSchema = z.object({
  /** As notices write it: 各镇街, 区直各部门… */
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  /** Unit names (or aliases). Empty means "the office decides per task" (相关镇街, 区直有关部门). */
  members: z.array(z.string().min(1)).default([]),
});
export type Group = z.infer<typeof groupSchema>;

export const leaderSchema = z.object({
  name: z.string().min(1),
  /** 职务, e.g. 区长, 副区长. */
  title: z.string().optional(),
  ...platformIds,
});
export type Leader = z.infer<typeof leaderSchema>;

export const adminSchema = z.object({
  name: z.string().min(1),
  ...platformIds,
});
export type Admin = z.infer<typeof adminSchema>;

export const directorySchema = z
  .object({
    /** True for the shipped demo directory: every contact in it is invented. */
    demo: z.boolean().default(false),
    office: z.object({ name: z.string().min(1) }).default({ name: "督考办" }),
    admins: z.array(adminSchema).default([]),
    leaders: z.array(leaderSchema).default([]),
    units: z.array(unitSchema).default([]),
    groups: z.array(groupSchema).default([]),
  })
  .strict();
export type Directory = z.infer<typeof directorySchema>;
