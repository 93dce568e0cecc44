import type Database from "better-sqlite3";
import { compareText } from "../compare-text.js";
import {
  type OfficeOverride,
  type OverrideStore,
  officeOverrideSchema,
  overrideKey,
} from "../office-override.js";
import type { StoreDump } from "../store-dump.js";
import { validateInput } from "../validate-input.js";

/** The office's overrides, one JSON row per key. */
export class SqliteOverrides implements OverrideStore {
  private readonly upsert: Database.Statement;
  private readonly remover: Database.Statement;
  private readonly all: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(
      "INSERT INTO overrides (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json",
    );
    this.remover = db.prepare("DELETE FROM overrides WHERE key = ?");
    this.all = db.prepare("SELECT key, json FROM overrides");
  }

  async list(): Promise<OfficeOverride[]> {
    return this.dumpSync();
  }

  async put(override: OfficeOverride): Promise<void> {
    const valid = validateInput(officeOverrideSchema, override, "overrides.put");
    this.upsert.run(overrideKey(valid), JSON.stringify(valid));
  }

  async remove(key: string): Promise<boolean> {
    return this.remover.run(key).changes > 0;
  }

  dumpSync(): StoreDump["overrides"] {
    const rows = this.all.all() as { key: string; json: string }[];
    return rows
      .sort((a, b) => compareText(a.key, b.key))
      .map(({ json }) => JSON.parse(json) as OfficeOverride);
  }

  restoreSync(overrides: StoreDump["overrides"]): void {
    for (const override of overrides) this.upsert.run(overrideKey(override), JSON.stringify(override));
  }
}
