import type { Directory } from "../directory/directory.js";
import { indexDirectory } from "../directory/directory-index.js";
import { checkRegistryNames } from "./check-registry-names.js";
import { diffRegistry, type RegistryDiff } from "./diff-registry.js";
import { findSkippedTasks, type SkippedTask } from "./find-skipped-tasks.js";
import { findUnknownNames, type UnknownNames } from "./find-unknown-names.js";
import { type ReadNoticeResult, readNotice, readNoticeBytes } from "./read-notice.js";
import type { Problem, Registry } from "./registry.js";

export interface ImportNoticeInput {
  path: string;
  /** The file's content, when it is not on disk (a file sent in chat); `path` is then its name. */
  bytes?: Uint8Array;
  directory: Directory;
  /** The registry stored before this import, to report what changed. */
  previous?: Registry;
  /** `--year`; without it the document must name its year. */
  year?: number;
}

export interface ImportNoticeResult extends ReadNoticeResult {
  diff: RegistryDiff;
  /** Task-like lines that were not imported, with what was found on them. */
  skipped: SkippedTask[];
  /** The directory's view of the names, gathered by name (also in `registry.problems`, per task). */
  unknownNames: UnknownNames;
  /** The reading problems only: `registry.problems` less the directory's and the skipped lines'. */
  readingProblems: Problem[];
}

/** Reads a notice, checks every name it uses against the directory, and compares it with the previous import. */
export async function importNotice(input: ImportNoticeInput): Promise<ImportNoticeResult> {
  const options = input.year !== undefined ? { year: input.year } : {};
  const read = input.bytes
    ? await readNoticeBytes(input.bytes, input.path, options)
    : await readNotice(input.path, options);
  const index = indexDirectory(input.directory);
  const skipped = findSkippedTasks(read.registry, read.content);
  const skippedLines = new Set(skipped.map((s) => s.line));
  const readingProblems = read.registry.problems.filter((p) => !skippedLines.has(p.line));
  const nameProblems = checkRegistryNames(read.registry, index);
  const problems = [...read.registry.problems, ...nameProblems].sort((a, b) => a.line - b.line);
  const registry = { ...read.registry, problems };
  return {
    ...read,
    registry,
    diff: diffRegistry(input.previous, registry),
    skipped,
    unknownNames: findUnknownNames(registry, index),
    readingProblems,
  };
}
