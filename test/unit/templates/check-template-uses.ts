import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadAll } from "js-yaml";
import type { TemplateUses } from "./find-template-uses.js";

/** A key the source computes in a way the reader cannot follow, by file and key as written, with every key it can be. */
export interface ComputedKeys {
  file: string;
  key: string;
  keys: readonly string[];
}

/**
 * What would fail at run time, one line each: a catalogue or template file that does not exist, a
 * key its catalogue lacks, a computed key nobody listed (or a listing whose code is gone), a
 * message function handed around where its keys cannot be seen.
 */
export function checkTemplateUses(
  uses: TemplateUses,
  computed: readonly ComputedKeys[],
  templatesDir: string,
): string[] {
  const problems: string[] = [];
  const catalogs = new Map<string, Set<string> | undefined>();
  const keysOf = (catalog: string): Set<string> | undefined => {
    if (!catalogs.has(catalog)) {
      const path = join(templatesDir, `${catalog}.yaml`);
      const entries = existsSync(path) ? (loadAll(readFileSync(path, "utf8"))[0] ?? {}) : undefined;
      catalogs.set(catalog, entries === undefined ? undefined : new Set(Object.keys(entries)));
    }
    return catalogs.get(catalog);
  };
  const listed = new Set<ComputedKeys>();
  for (const site of uses.keys) {
    const where = `${site.file}:${site.line}`;
    const entry = site.keys
      ? undefined
      : computed.find((c) => c.file === site.file && c.key === site.keyText);
    if (entry) listed.add(entry);
    const keys = site.keys ?? entry?.keys;
    if (keys === undefined)
      problems.push(
        `${where}: the key ${site.keyText} is computed; list the keys it can be in COMPUTED_KEYS`,
      );
    if (site.catalog === undefined) {
      problems.push(`${where}: the catalogue is not a literal string`);
      continue;
    }
    const entries = keysOf(site.catalog);
    if (entries === undefined) {
      problems.push(`${where}: templates/${site.catalog}.yaml does not exist`);
      continue;
    }
    for (const key of keys ?? [])
      if (!entries.has(key)) problems.push(`${where}: templates/${site.catalog}.yaml has no key "${key}"`);
  }
  for (const entry of computed)
    if (!listed.has(entry))
      problems.push(`COMPUTED_KEYS: ${entry.file} no longer computes the key ${entry.key}`);
  for (const file of uses.files) {
    if (file.name === undefined)
      problems.push(`${file.file}:${file.line}: the template file ${file.nameText} is computed`);
    else if (!existsSync(join(templatesDir, file.name)))
      problems.push(`${file.file}:${file.line}: templates/${file.name} does not exist`);
  }
  for (const misuse of uses.misuses)
    problems.push(
      `${misuse.file}:${misuse.line}: ${misuse.text} passes a message function on; its keys cannot be checked`,
    );
  return problems;
}
