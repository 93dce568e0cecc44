import type { ImportRecord, RegistryImport } from "./registry-import.js";

/** The history line kept for an import; the full registry is kept only for the current one. */
export function toImportRecord(imp: RegistryImport): ImportRecord {
  const { title, docNo, issuer, issuedOn, year } = imp.registry.document;
  return {
    source: imp.source,
    importedAt: imp.importedAt,
    document: { title, docNo, issuer, issuedOn, year },
    tasks: imp.registry.tasks.length,
    assignments: imp.assignments.length,
  };
}
