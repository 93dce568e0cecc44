import { z } from "zod";

/** Which unit answers for which task, and how. */
export const assignmentSchema = z.object({
  taskNo: z.number().int().positive(),
  /** The unit's name as the directory spells it (an alias in the notice resolves to it). */
  unit: z.string().min(1),
  /** `host` (主办) answers for the task; `co` (协办) gives its input to the host. */
  role: z.enum(["host", "co"]),
});
export type Assignment = z.infer<typeof assignmentSchema>;
