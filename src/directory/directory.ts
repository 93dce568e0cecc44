import { z } from "zod";

/**
 * The directory: who is who. Units with their aliases and contacts, what each group reference
 * expands to, the leaders, and the office's admins. Lives in `config/directory.yaml`.
 */

export const unitKindSchema = z.enum(["department", "town", "street", "park", "command-group", "external"]);
export type UnitKind = z.infer<typeof unitKindSchema>;

/**
 * A person's (or a group chat's) account on each platform, by channel name:
 * `accounts: { wecom: zhangsan, dingtalk: "0123456789" }`. Any may be absent while the office
 * fills the directory in. The form directories were first written in, `wecomUserId: zhangsan`,
 * reads as the same (`<channel>UserId` → `accounts.<channel>`).
 */
const accountsSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "a channel name: lower-case letters, digits and -" }),
  z.string().min(1),
);
const platformIds = { accounts: accountsSchema.default({}) };

const LEGACY_ACCOUNT_KEY = /^([a-z][a-z0-9]*)UserId$/;

/** `{ wecomUserId: x, accounts: {…} }` → `{ accounts: { wecom: x, … } }`; the accounts map wins. */
function foldAccountKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const entry = value as Record<string, unknown>;
  if (!Object.keys(entry).some((key) => LEGACY_ACCOUNT_KEY.test(key))) return value;
  const folded: Record<string, unknown> = {};
  const accounts: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(entry)) {
    const legacy = LEGACY_ACCOUNT_KEY.exec(key);
    if (legacy?.[1] !== undefined && field !== undefined) accounts[legacy[1]] = field;
    else if (!legacy) folded[key] = field;
  }
  const given = entry.accounts;
  folded.accounts =
    typeof given === "object" && given !== null && !Array.isArray(given)
      ? { ...accounts, ...given }
      : accounts;
  return folded;
}

/** A directory entry that has accounts, read in either form. */
const withAccounts = <T extends z.ZodType>(schema: T) => z.preprocess(foldAccountKeys, schema);

export const contactSchema = withAccounts(
  z.object({
    name: z.string().min(1),
    /** `contact` (联络员) reports progress; `head` (单位负责人) is told when the unit is late. */
    role: z.enum(["contact", "head"]),
    ...platformIds,
    phone: z.string().optional(),
  }),
);
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

export const leaderSchema = withAccounts(
  z.object({
    name: z.string().min(1),
    /** 职务, e.g. 区长, 副区长. */
    title: z.string().optional(),
    ...platformIds,
  }),
);
export type Leader = z.infer<typeof leaderSchema>;

export const adminSchema = withAccounts(z.object({ name: z.string().min(1), ...platformIds }));

/**
 * A group chat Duban can post to (digests and bulletins for a leaders' group): a platform group,
 * or a group robot, by its account on each platform (WeCom: `robot:<name>` of WECOM_ROBOT_KEYS).
 */
export const chatSchema = z.object({
  name: z.string().min(1),
  accounts: accountsSchema,
});
export type Chat = z.infer<typeof chatSchema>;
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
    chats: z.array(chatSchema).default([]),
  })
  .strict();
export type Directory = z.infer<typeof directorySchema>;
