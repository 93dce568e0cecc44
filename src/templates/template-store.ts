import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { PACKAGE_ROOT } from "../shared/package-root.js";
import { renderTemplate, type View } from "./render-template.js";

/** `templates/` at the package root, from both src/templates and dist/templates. */
export const TEMPLATES_DIR = join(PACKAGE_ROOT, "templates");

const files = new Map<string, string>();
const catalogs = new Map<string, Map<string, Record<string, string>>>();

/** Renders `templates/<name>` (e.g. "import/summary.txt"). */
export function renderFile(name: string, view: View, dir = TEMPLATES_DIR): string {
  const key = `${dir}\0${name}`;
  let template = files.get(key);
  if (template === undefined) {
    template = readFileSync(join(dir, name), "utf8");
    files.set(key, template);
  }
  return renderTemplate(template, view);
}

/**
 * Renders one short message from a catalogue file `templates/<catalog>.yaml`
 * (e.g. message("import/problems", "unknownLabel", { label })).
 */
export function message(catalog: string, key: string, view: View = {}, dir = TEMPLATES_DIR): string {
  return renderEntry(catalogEntries(catalog, dir), catalog, key, view);
}

/**
 * `message` bound to one catalogue, for a file that words many messages from it:
 * `const m = messages("workflow")`, then `m("cardTitle", view)`. The file is read at the first
 * call, as with `message`, and the bound function keeps its entries: the ledger words several
 * messages for each of 10,000 rows. test/unit/templates/template-keys.test.ts checks the keys
 * statically.
 */
export function messages(catalog: string): (key: string, view?: View) => string {
  let entries: Record<string, string> | undefined;
  return (key, view = {}) => {
    entries ??= catalogEntries(catalog, TEMPLATES_DIR);
    return renderEntry(entries, catalog, key, view);
  };
}

/**
 * A whole catalogue, unrendered, for a page whose script words its own messages (the playground):
 * the entries as written, placeholders and all.
 */
export function catalogue(catalog: string): Readonly<Record<string, string>> {
  return catalogEntries(catalog, TEMPLATES_DIR);
}

function catalogEntries(catalog: string, dir: string): Record<string, string> {
  // By folder, then by catalogue: no key to build for each of the many messages worded.
  let inDir = catalogs.get(dir);
  if (inDir === undefined) {
    inDir = new Map();
    catalogs.set(dir, inDir);
  }
  let entries = inDir.get(catalog);
  if (entries === undefined) {
    entries = load(readFileSync(join(dir, `${catalog}.yaml`), "utf8")) as Record<string, string>;
    inDir.set(catalog, entries);
  }
  return entries;
}

function renderEntry(entries: Record<string, string>, catalog: string, key: string, view: View): string {
  const template = entries[key];
  if (template === undefined) throw new Error(`templates/${catalog}.yaml has no key "${key}"`);
  return renderTemplate(template, view).trimEnd();
}
