import type Database from "better-sqlite3";
import { type CardInstance, type CardStore, cardInstanceSchema } from "../card-instance.js";
import { selectCards } from "../select-cards.js";
import { RecordNotFoundError } from "../store-errors.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";

interface CardRow {
  json: string;
  response_code: string | null;
  response_code_expires_at: string | null;
}

/** Cards as rows; the update code lives in its own columns so that taking it is one update. */
export class SqliteCards implements CardStore {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly setCode: Database.Statement;
  private readonly consumeTx: (cardId: string, now: number) => string | undefined;

  constructor(db: Database.Database) {
    this.db = db;
    this.upsert = db.prepare(`
      INSERT INTO cards (card_id, task_no, json, response_code, response_code_expires_at, response_code_expires_ms)
      VALUES (@cardId, @taskNo, @json, @code, @expiresAt, @expiresMs)
      ON CONFLICT (card_id) DO UPDATE SET task_no = excluded.task_no, json = excluded.json,
        response_code = excluded.response_code, response_code_expires_at = excluded.response_code_expires_at,
        response_code_expires_ms = excluded.response_code_expires_ms`);
    const columns = "json, response_code, response_code_expires_at";
    this.byId = db.prepare(`SELECT ${columns} FROM cards WHERE card_id = ?`);
    this.setCode = db.prepare(
      "UPDATE cards SET response_code = ?, response_code_expires_at = ?, response_code_expires_ms = ? WHERE card_id = ?",
    );
    const code = db.prepare("SELECT response_code, response_code_expires_ms FROM cards WHERE card_id = ?");
    const take = db.prepare(
      "UPDATE cards SET response_code = NULL, response_code_expires_at = NULL, response_code_expires_ms = NULL WHERE card_id = ?",
    );
    const tx = db.transaction((cardId: string, now: number): string | undefined => {
      const row = code.get(cardId) as
        | { response_code: string | null; response_code_expires_ms: number | null }
        | undefined;
      if (row?.response_code == null) return undefined;
      take.run(cardId);
      const expiresMs = row.response_code_expires_ms;
      return expiresMs === null || expiresMs > now ? row.response_code : undefined;
    });
    this.consumeTx = (cardId, now) => tx.immediate(cardId, now);
  }

  async put(card: CardInstance): Promise<void> {
    this.putSync(validateInput(cardInstanceSchema, card, "cards.put"));
  }

  async get(cardId: string): Promise<CardInstance | undefined> {
    const row = this.byId.get(cardId) as CardRow | undefined;
    return row === undefined ? undefined : toCard(row);
  }

  async list(filter: { taskNo: number; unit?: string; cycle?: string }): Promise<CardInstance[]> {
    const rows = this.db
      .prepare("SELECT json, response_code, response_code_expires_at FROM cards WHERE task_no = ?")
      .all(filter.taskNo) as CardRow[];
    return selectCards(rows.map(toCard), filter);
  }

  async setResponseCode(cardId: string, code: string, expiresAt: string): Promise<void> {
    const expiresMs = toEpochMs(expiresAt, "cards.setResponseCode expiresAt");
    if (this.setCode.run(code, expiresAt, expiresMs, cardId).changes === 0) {
      throw new RecordNotFoundError(`cards.setResponseCode: no card with id ${cardId}`);
    }
  }

  async consumeResponseCode(cardId: string, now: Date | string): Promise<string | undefined> {
    return this.consumeTx(cardId, toEpochMs(now, "cards.consumeResponseCode now"));
  }

  dumpSync(): CardInstance[] {
    return (
      this.db.prepare("SELECT json, response_code, response_code_expires_at FROM cards").all() as CardRow[]
    ).map(toCard);
  }

  restoreSync(cards: CardInstance[]): void {
    for (const card of cards) this.putSync(card);
  }

  private putSync(card: CardInstance): void {
    const { responseCode, responseCodeExpiresAt, ...rest } = card;
    this.upsert.run({
      cardId: card.cardId,
      taskNo: card.taskNo,
      json: JSON.stringify(rest),
      code: responseCode ?? null,
      expiresAt: responseCodeExpiresAt ?? null,
      expiresMs: responseCodeExpiresAt === undefined ? null : toEpochMs(responseCodeExpiresAt, "cards.put"),
    });
  }
}

function toCard(row: CardRow): CardInstance {
  const card = JSON.parse(row.json) as CardInstance;
  if (row.response_code !== null) card.responseCode = row.response_code;
  if (row.response_code_expires_at !== null) card.responseCodeExpiresAt = row.response_code_expires_at;
  return card;
}
