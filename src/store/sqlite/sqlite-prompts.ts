import type Database from "better-sqlite3";
import { capStoredText } from "../cap-stored-text.js";
import { type Prompt, type PromptStore, promptSchema } from "../prompt.js";
import { selectActivePrompts } from "../select-active-prompts.js";
import type { StoreDump } from "../store-dump.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";

/** Prompts as rows keyed by person and key; expired rows stay until cleared but are never returned. */
export class SqlitePrompts implements PromptStore {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly open: Database.Statement;
  private readonly clearAll: Database.Statement;
  private readonly clearKey: Database.Statement;

  constructor(db: Database.Database) {
    this.db = db;
    this.upsert = db.prepare(
      "INSERT INTO prompts (person_id, key, expires_ms, json) VALUES (?, ?, ?, ?) " +
        "ON CONFLICT (person_id, key) DO UPDATE SET expires_ms = excluded.expires_ms, json = excluded.json",
    );
    this.open = db.prepare("SELECT json FROM prompts WHERE person_id = ? AND expires_ms > ?").pluck();
    this.clearAll = db.prepare("DELETE FROM prompts WHERE person_id = ?");
    this.clearKey = db.prepare("DELETE FROM prompts WHERE person_id = ? AND key = ?");
  }

  async set(personId: string, prompt: Prompt): Promise<void> {
    this.setSync(personId, capStoredText(validateInput(promptSchema, prompt, "prompts.set")));
  }

  async active(personId: string, now: Date | string): Promise<Prompt[]> {
    const nowMs = toEpochMs(now, "prompts.active now");
    const rows = this.open.all(personId, nowMs) as string[];
    return selectActivePrompts(
      rows.map((json) => JSON.parse(json) as Prompt),
      nowMs,
    );
  }

  async clear(personId: string, key?: string): Promise<void> {
    if (key === undefined) this.clearAll.run(personId);
    else this.clearKey.run(personId, key);
  }

  dumpSync(): StoreDump["prompts"] {
    const rows = this.db.prepare("SELECT person_id AS personId, json FROM prompts").all() as {
      personId: string;
      json: string;
    }[];
    return rows.map(({ personId, json }) => ({ personId, prompt: JSON.parse(json) as Prompt }));
  }

  restoreSync(prompts: StoreDump["prompts"]): void {
    for (const { personId, prompt } of prompts) this.setSync(personId, prompt);
  }

  private setSync(personId: string, prompt: Prompt): void {
    const expiresMs = toEpochMs(prompt.expiresAt, "prompts.set expiresAt");
    this.upsert.run(personId, prompt.key, expiresMs, JSON.stringify(prompt));
  }
}
