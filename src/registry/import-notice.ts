import { checkRegistryNames } from "../directory/check-registry-names.js";
import type { Directory } from "../directory/directory.js";
import { indexDirectory } from "../directory/directory-index.js";
import { diffRegistry, type RegistryDiff } from "./diff-registry.js";
import { type ReadNoticeResult, readNotice } from "./read-notice.js";
import type { Registry } from "./registry.js";

export interface ImportNoticeInput {
  path: string;
  directory: Directory;
  /** The registry stored before this import, to report what changed. */
  previous?: Registry;
  year?: number;
  now: Date;
}

export interface ImportNoticeResult extends ReadNoticeResult {
  diff: RegistryDiff;
}

/** Reads a notice, checks every name it uses against the directory, and compares it with the previous import. */
export async function importNotice(input: ImportNoticeInput): Promise<ImportNoticeResult> {
  const read = await readNotice(input.path, {
    now: input.now,
    ...(input.year !== undefined ? { year: input.year } : {}),
  });
  const nameProblems = checkRegistryNames(read.registry, indexDirectory(input.directory));
  const problems = [...read.registry.problems, ...nameProblems].sort((a, b) => a.line - b.line);
  const registry = { ...read.registry, problems };
  return { ...read, registry, diff: diffRegistry(input.previous, registry) };
}
