import type { ChainableCommander, Redis } from "ioredis";
import { checkClaimOptions } from "../check-claim-options.js";
import {
  type ClaimOptions,
  type NewOutboxMessage,
  newOutboxMessageSchema,
  type OutboxDeferral,
  type OutboxMessage,
  type OutboxStats,
  type OutboxStatus,
  type OutboxStore,
  outboxStatusSchema,
} from "../outbox-message.js";
import { RecordNotFoundError } from "../store-errors.js";
import { toEpochMs } from "../to-epoch-ms.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";
import { fromOutboxFields, pairsToRecord, toOutboxFields } from "./redis-outbox-fields.js";
import {
  CLAIM_DUE,
  DEFER,
  ENQUEUE,
  MARK_DEAD,
  MARK_FAILED,
  MARK_SENDING,
  MARK_SENT,
  REQUEUE,
} from "./redis-outbox-scripts.js";
import type { RedisScript } from "./redis-script.js";

/**
 * The outbox in Redis: a hash per message, indexed by status, by due time (pending and failed)
 * and by lease end (claimed). Every state change is one Lua script (redis-outbox-scripts.ts).
 */
export class RedisOutbox implements OutboxStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async enqueue(message: NewOutboxMessage): Promise<{ id: number; created: boolean }> {
    const valid = validateInput(newOutboxMessageSchema, message, "outbox.enqueue");
    const dueMs = toEpochMs(valid.notBefore, "outbox.enqueue notBefore");
    const fields = toOutboxFields({ ...valid, status: "pending", attempts: 0, dueAt: valid.notBefore });
    const [id, created] = (await this.script(ENQUEUE, valid.idempotencyKey, dueMs, ...fields)) as [
      number,
      number,
    ];
    return { id, created: created === 1 };
  }

  async claimDue(now: Date | string, options: ClaimOptions): Promise<OutboxMessage[]> {
    const { limit, leaseMs, worker } = checkClaimOptions(options);
    const nowMs = toEpochMs(now, "outbox.claimDue now");
    const leaseEnd = nowMs + leaseMs;
    const rows = (await this.script(
      CLAIM_DUE,
      nowMs,
      limit,
      leaseEnd,
      new Date(leaseEnd).toISOString(),
      worker,
    )) as string[][];
    return rows.map((pairs) => fromOutboxFields(pairsToRecord(pairs)));
  }

  async markSending(id: number, start: { at: string; worker: string }): Promise<boolean> {
    toEpochMs(start.at, "outbox.markSending at");
    return (await this.script(MARK_SENDING, id, start.at, start.worker)) === 1;
  }

  async markSent(id: number, result: { platformMessageId: string; at: string }): Promise<boolean> {
    toEpochMs(result.at, "outbox.markSent at");
    return this.applied(
      id,
      await this.script(MARK_SENT, id, result.at, result.platformMessageId),
      "markSent",
    );
  }

  async markFailed(
    id: number,
    failure: { error: string; retryAt: string; worker?: string },
  ): Promise<boolean> {
    const dueMs = toEpochMs(failure.retryAt, "outbox.markFailed retryAt");
    const outcome = await this.script(
      MARK_FAILED,
      id,
      failure.error,
      failure.retryAt,
      dueMs,
      failure.worker ?? "",
    );
    return this.applied(id, outcome, "markFailed");
  }

  async defer(id: number, deferral: OutboxDeferral): Promise<boolean> {
    const dueMs = toEpochMs(deferral.until, "outbox.defer until");
    const { until, reason, worker } = deferral;
    const answered = deferral.answered ? "1" : "";
    return this.applied(id, await this.script(DEFER, id, until, dueMs, reason, worker, answered), "defer");
  }

  async markDead(id: number, failure: { error: string; worker?: string }): Promise<boolean> {
    const outcome = await this.script(MARK_DEAD, id, failure.error, failure.worker ?? "");
    return this.applied(id, outcome, "markDead");
  }

  async nextDueAt(): Promise<string | undefined> {
    // One MULTI, so a message moving between the queues meanwhile is seen in one of them.
    const results = await this.redis
      .multi()
      .zrange(this.keys.key("ob:due"), 0, 0, "WITHSCORES")
      .zrange(this.keys.key("ob:lease"), 0, 0, "WITHSCORES")
      .exec();
    const scores = (results ?? []).map(([error, reply]) => {
      if (error) throw error;
      const [, score] = reply as string[];
      return score === undefined ? Number.POSITIVE_INFINITY : Number(score);
    });
    const next = Math.min(...scores);
    return Number.isFinite(next) ? new Date(next).toISOString() : undefined;
  }

  async get(id: number): Promise<OutboxMessage | undefined> {
    const hash = await this.redis.hgetall(this.keys.key(`ob:m:${id}`));
    return hash.id === undefined ? undefined : fromOutboxFields(hash);
  }

  async findByKey(idempotencyKey: string): Promise<OutboxMessage | undefined> {
    const id = await this.redis.hget(this.keys.key("ob:keys"), idempotencyKey);
    return id === null ? undefined : this.get(Number(id));
  }

  async hasKey(idempotencyKey: string): Promise<boolean> {
    return (await this.redis.hexists(this.keys.key("ob:keys"), idempotencyKey)) === 1;
  }

  async requeue(id: number, options: { at: string; revive?: boolean }): Promise<boolean> {
    const dueMs = toEpochMs(options.at, "outbox.requeue at");
    const outcome = await this.script(REQUEUE, id, options.at, dueMs, options.revive ? "1" : "");
    return this.applied(id, outcome, "requeue");
  }

  async list(filter: { status?: OutboxStatus; limit?: number } = {}): Promise<OutboxMessage[]> {
    if (filter.limit !== undefined && filter.limit <= 0) return [];
    const index = this.keys.key(filter.status === undefined ? "ob:ids" : `ob:st:${filter.status}`);
    const members = await this.redis.zrange(index, 0, filter.limit === undefined ? -1 : filter.limit - 1);
    return this.read(members.map(Number));
  }

  async stats(): Promise<OutboxStats> {
    const statuses = outboxStatusSchema.options;
    const pipeline = this.redis.pipeline();
    for (const status of statuses) pipeline.zcard(this.keys.key(`ob:st:${status}`));
    const counts = (await pipeline.exec()) ?? [];
    return Object.fromEntries(statuses.map((s, i) => [s, Number(counts[i]?.[1] ?? 0)])) as OutboxStats;
  }

  async dump(): Promise<OutboxMessage[]> {
    return this.list();
  }

  restore(tx: ChainableCommander, messages: OutboxMessage[]): void {
    const k = (name: string) => this.keys.key(name);
    for (const m of messages) {
      const member = String(m.id).padStart(12, "0");
      tx.hset(k(`ob:m:${m.id}`), ...toOutboxFields(m));
      tx.hset(k("ob:keys"), m.idempotencyKey, m.id);
      tx.zadd(k("ob:ids"), m.id, member);
      tx.zadd(k(`ob:st:${m.status}`), m.id, member);
      if (m.status === "pending" || m.status === "failed")
        tx.zadd(k("ob:due"), toEpochMs(m.dueAt, "dueAt"), member);
      if (m.status === "claimed" && m.leaseUntil !== undefined) {
        tx.zadd(k("ob:lease"), toEpochMs(m.leaseUntil, "leaseUntil"), member);
      }
    }
    if (messages.length > 0)
      tx.set(
        k("ob:seq"),
        messages.reduce((max, m) => Math.max(max, m.id), 0),
      );
  }

  private async read(ids: number[]): Promise<OutboxMessage[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.key(`ob:m:${id}`));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, hash]) => {
      if (error) throw error;
      return fromOutboxFields(hash as Record<string, string>);
    });
  }

  private script(script: RedisScript, ...args: (string | number)[]): Promise<unknown> {
    return script.run(this.redis, [], [this.keys.prefix, ...args]);
  }

  private async applied(id: number, outcome: unknown, what: string): Promise<boolean> {
    if (outcome === -1) throw new RecordNotFoundError(`outbox.${what}: no message with id ${id}`);
    return outcome === 1;
  }
}
