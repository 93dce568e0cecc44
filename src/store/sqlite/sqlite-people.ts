import type Database from "better-sqlite3";
import { type PeopleStore, type PersonSettings, personSettingsSchema } from "../person-settings.js";
import type { StoreDump } from "../store-dump.js";
import { validateInput } from "../validate-input.js";

/** Per-person settings, one JSON row per person. */
export class SqlitePeople implements PeopleStore {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly everyone: Database.Statement;

  constructor(db: Database.Database) {
    this.db = db;
    this.upsert = db.prepare(
      "INSERT INTO people (person_id, json) VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET json = excluded.json",
    );
    this.byId = db.prepare("SELECT json FROM people WHERE person_id = ?").pluck();
    this.everyone = db.prepare("SELECT person_id AS personId, json FROM people");
  }

  async get(personId: string): Promise<PersonSettings | undefined> {
    const json = this.byId.get(personId) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as PersonSettings);
  }

  async all(): Promise<Map<string, PersonSettings>> {
    const rows = this.everyone.all() as { personId: string; json: string }[];
    return new Map(rows.map(({ personId, json }) => [personId, JSON.parse(json) as PersonSettings]));
  }

  async put(personId: string, settings: PersonSettings): Promise<void> {
    const valid = validateInput(personSettingsSchema, settings, "people.put");
    this.upsert.run(personId, JSON.stringify(valid));
  }

  dumpSync(): StoreDump["people"] {
    const rows = this.db.prepare("SELECT person_id AS personId, json FROM people").all() as {
      personId: string;
      json: string;
    }[];
    return rows.map(({ personId, json }) => ({ personId, settings: JSON.parse(json) as PersonSettings }));
  }

  restoreSync(people: StoreDump["people"]): void {
    for (const { personId, settings } of people) this.upsert.run(personId, JSON.stringify(settings));
  }
}
