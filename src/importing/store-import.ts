import type { Directory } from "../directory/directory.js";
import { indexDirectory } from "../directory/directory-index.js";
import { computeAssignments } from "../registry/compute-assignments.js";
import type { ImportNoticeResult } from "../registry/import-notice.js";
import type { Store } from "../store/store.js";

/**
 * Stores an imported registry with the directory it was matched against, and notes the import in
 * the audit log. Progress, requests and audit are kept by task number: a new registry never
 * erases them. The caller has checked the import is safe (checkImportSafety).
 */
export async function storeImport(
  store: Store,
  result: ImportNoticeResult,
  directory: Directory,
  options: { now: Date; actor: string; replace?: boolean },
): Promise<void> {
  const at = options.now.toISOString();
  await store.registry.save({
    registry: result.registry,
    directory,
    assignments: computeAssignments(result.registry, indexDirectory(directory)),
    source: { path: result.source.path, format: result.source.format, sha256: result.source.sha256 },
    importedAt: at,
  });
  await store.audit.append({
    at,
    actor: options.actor,
    action: "registry.imported",
    details: {
      file: result.source.path,
      sha256: result.source.sha256,
      tasks: result.registry.tasks.length,
      problems: result.registry.problems.length,
      year: result.year.year,
      yearSource: result.year.source,
      ...(options.replace ? { replace: true } : {}),
      added: result.diff.added.map((t) => t.no),
      changed: result.diff.changed.map((c) => c.after.no),
      removed: result.diff.removed.map((t) => t.no),
    },
  });
}
