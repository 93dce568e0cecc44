import { z } from "zod";
import { directorySchema } from "../directory/directory.js";
import { type Assignment, assignmentSchema } from "../registry/assignment.js";
import { registryDocumentSchema, registrySchema, type Task } from "../registry/registry.js";
import { isoInstantSchema } from "./iso-instant.js";

// The registry owns the assignment's shape; the store keeps it with each import.
export { type Assignment, assignmentSchema } from "../registry/assignment.js";

export const importSourceSchema = z.object({
  path: z.string(),
  /** How the file was read ("notice-text", "xlsx", …). */
  format: z.string(),
  sha256: z.string(),
});

export const registryImportSchema = z.object({
  registry: registrySchema,
  /** The directory the assignments were resolved with, kept so that a later edit cannot rewrite history. */
  directory: directorySchema,
  /** Computed by the importer from the registry and the directory, in the order it wants them listed. */
  assignments: z.array(assignmentSchema),
  source: importSourceSchema,
  importedAt: isoInstantSchema,
});
export type RegistryImport = z.infer<typeof registryImportSchema>;

/** One line of the import history: what was imported, from where and when. */
export const importRecordSchema = z.object({
  source: importSourceSchema,
  importedAt: isoInstantSchema,
  document: registryDocumentSchema,
  tasks: z.number().int().nonnegative(),
  assignments: z.number().int().nonnegative(),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;

/**
 * The task registry as the features read it. Saving a new registry replaces the current one;
 * progress, requests, cards and audit recorded against any task number are never touched.
 */
export interface RegistryStore {
  /** Makes `imp` the current registry and appends it to the import history, in one atomic write. */
  save(imp: RegistryImport): Promise<void>;
  current(): Promise<RegistryImport | undefined>;
  /** One task of the current registry, without reading the whole registry. */
  task(taskNo: number): Promise<Task | undefined>;
  /** Every import so far, oldest first. */
  imports(): Promise<ImportRecord[]>;
  /** The current assignments (of one task when `taskNo` is given), in the order they were saved. */
  assignments(taskNo?: number): Promise<Assignment[]>;
}
