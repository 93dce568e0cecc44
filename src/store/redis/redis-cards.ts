import type { ChainableCommander, Redis } from "ioredis";
import { type CardInstance, type CardStore, cardInstanceSchema } from "../card-instance.js";
import { selectCards } from "../select-cards.js";
import { RecordNotFoundError } from "../store-errors.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

interface StoredCode {
  code: string;
  expiresAt?: string;
}

// KEYS: the card, its code. ARGV: the code's JSON. Sets the code only on a card that exists.
const SET_CODE = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[1])
return 1
`);

/**
 * Cards as JSON strings, the update code in a key of its own so that GETDEL hands it to
 * exactly one caller; a set per task finds a task's cards.
 */
export class RedisCards implements CardStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async put(card: CardInstance): Promise<void> {
    const tx = this.redis.multi();
    this.write(tx, validateInput(cardInstanceSchema, card, "cards.put"));
    await tx.exec();
  }

  async get(cardId: string): Promise<CardInstance | undefined> {
    return (await this.read([cardId]))[0];
  }

  async list(filter: { taskNo: number; unit?: string; cycle?: string }): Promise<CardInstance[]> {
    const ids = await this.redis.smembers(this.keys.key(`card:task:${filter.taskNo}`));
    return selectCards(await this.read(ids), filter);
  }

  async setResponseCode(cardId: string, code: string, expiresAt: string): Promise<void> {
    toEpochMs(expiresAt, "cards.setResponseCode expiresAt");
    const stored: StoredCode = { code, expiresAt };
    const k = this.cardKeys(cardId);
    if ((await SET_CODE.run(this.redis, [k.card, k.code], [JSON.stringify(stored)])) === 0) {
      throw new RecordNotFoundError(`cards.setResponseCode: no card with id ${cardId}`);
    }
  }

  async consumeResponseCode(cardId: string, now: Date | string): Promise<string | undefined> {
    const nowMs = toEpochMs(now, "cards.consumeResponseCode now");
    const json = await this.redis.getdel(this.cardKeys(cardId).code);
    if (json === null) return undefined;
    const stored = JSON.parse(json) as StoredCode;
    const live = stored.expiresAt === undefined || toEpochMs(stored.expiresAt, "expiresAt") > nowMs;
    return live ? stored.code : undefined;
  }

  async dump(): Promise<CardInstance[]> {
    return this.read(await this.redis.smembers(this.keys.key("card:ids")));
  }

  restore(tx: ChainableCommander, cards: CardInstance[]): void {
    for (const card of cards) this.write(tx, card);
  }

  private write(tx: ChainableCommander, card: CardInstance): void {
    const { responseCode, responseCodeExpiresAt, ...rest } = card;
    const k = this.cardKeys(card.cardId);
    tx.set(k.card, JSON.stringify(rest));
    if (responseCode === undefined) tx.del(k.code);
    else tx.set(k.code, JSON.stringify({ code: responseCode, expiresAt: responseCodeExpiresAt }));
    tx.sadd(this.keys.key("card:ids"), card.cardId);
    tx.sadd(this.keys.key(`card:task:${card.taskNo}`), card.cardId);
  }

  private async read(ids: string[]): Promise<CardInstance[]> {
    if (ids.length === 0) return [];
    const rows = await this.redis.mget(ids.flatMap((id) => [this.cardKeys(id).card, this.cardKeys(id).code]));
    const cards: CardInstance[] = [];
    for (let i = 0; i < rows.length; i += 2) {
      const json = rows[i];
      if (json == null) continue;
      const card = JSON.parse(json) as CardInstance;
      const code = rows[i + 1];
      if (code != null) {
        const stored = JSON.parse(code) as StoredCode;
        card.responseCode = stored.code;
        if (stored.expiresAt !== undefined) card.responseCodeExpiresAt = stored.expiresAt;
      }
      cards.push(card);
    }
    return cards;
  }

  private cardKeys(cardId: string) {
    return { card: this.keys.key(`card:m:${cardId}`), code: this.keys.key(`card:code:${cardId}`) };
  }
}
