import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PACKAGE_ROOT } from "../shared/package-root.js";
import { renderTemplate, type View } from "./render-template.js";

/** `templates/` at the package root, from both src/templates and dist/templates. */
export const TEMPLATES_DIR = join(PACKAGE_ROOT, "templates");

const files = new Map<string, string>();
/** Catalogues read, by directory and then by name (no key to build on every message). */
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

function catalogEntries(catalog: string, dir: string): Record<string, string> {
  let byName = catalogs.get(dir);
  if (byName === undefined) {
    byName = new Map();
    catalogs.set(dir, byName);
  }
  let entries = byName.get(catalog);
  if (entries === undefined) {
    entries = parse(readFileSync(join(dir, `${catalog}.yaml`), "utf8")) as Record<string, string>;
    byName.set(catalog, entries);
  }
  return entries;
}

function renderEntry(entries: Record<string, string>, catalog: string, key: string, view: View): string {
  const template = entries[key];
  if (template === undefined) throw new Error(`templates/${catalog}.yaml has no key "${key}"`);
  return renderTemplate(template, view).trimEnd();
}

/**
 * `message` bound to one catalogue, for a file that words many messages from it:
 * `const m = messages("workflow")`, then `m("cardTitle", view)`. The file is read at the first
 * call, as with `message`. test/unit/templates/template-keys.test.ts checks the keys statically.
 */
export function messages(catalog: string): (key: string, view?: View) => string {
  let entries: Record<string, string> | undefined;
  return (key, view = {}) => {
    entries ??= catalogEntries(catalog, TEMPLATES_DIR);
    return renderEntry(entries, catalog, key, view);
  };
}
