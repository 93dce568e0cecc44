import type { ChainableCommander, Redis } from "ioredis";
import { capStoredText } from "../cap-stored-text.js";
import { type Prompt, type PromptStore, promptSchema } from "../prompt.js";
import { selectActivePrompts } from "../select-active-prompts.js";
import type { StoreDump } from "../store-dump.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

// KEYS: the person's prompts, the set of people with prompts. ARGV: person id, key or "".
// The person leaves the set with their last prompt, so that an emptied store counts as empty.
const CLEAR = new RedisScript(`
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('HDEL', KEYS[1], ARGV[2]) end
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
return 1
`);

/** A hash of prompts per person (key → JSON), and the set of people who have any. */
export class RedisPrompts implements PromptStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async set(personId: string, prompt: Prompt): Promise<void> {
    const valid = capStoredText(validateInput(promptSchema, prompt, "prompts.set"));
    toEpochMs(valid.expiresAt, "prompts.set expiresAt");
    const tx = this.redis.multi();
    this.write(tx, personId, valid);
    await tx.exec();
  }

  async active(personId: string, now: Date | string): Promise<Prompt[]> {
    const nowMs = toEpochMs(now, "prompts.active now");
    const rows = await this.redis.hvals(this.personKey(personId));
    return selectActivePrompts(
      rows.map((json) => JSON.parse(json) as Prompt),
      nowMs,
    );
  }

  async clear(personId: string, key?: string): Promise<void> {
    await CLEAR.run(
      this.redis,
      [this.personKey(personId), this.keys.key("prompt:people")],
      [personId, key ?? ""],
    );
  }

  async dump(): Promise<StoreDump["prompts"]> {
    const people = await this.redis.smembers(this.keys.key("prompt:people"));
    const pipeline = this.redis.pipeline();
    for (const personId of people) pipeline.hvals(this.personKey(personId));
    const results = (await pipeline.exec()) ?? [];
    return people.flatMap((personId, i) => {
      const [error, rows] = results[i] ?? [null, []];
      if (error) throw error;
      return (rows as string[]).map((json) => ({ personId, prompt: JSON.parse(json) as Prompt }));
    });
  }

  restore(tx: ChainableCommander, prompts: StoreDump["prompts"]): void {
    for (const { personId, prompt } of prompts) this.write(tx, personId, prompt);
  }

  private write(tx: ChainableCommander, personId: string, prompt: Prompt): void {
    tx.hset(this.personKey(personId), prompt.key, JSON.stringify(prompt));
    tx.sadd(this.keys.key("prompt:people"), personId);
  }

  private personKey(personId: string): string {
    return this.keys.key(`prompt:p:${personId}`);
  }
}
