import type { ChainableCommander, Redis } from "ioredis";
import { capStoredText } from "../cap-stored-text.js";
import { RecordNotFoundError, StoreConflictError } from "../store-errors.js";
import { validateInput } from "../validate-input.js";
import {
  type DecideResult,
  type Decision,
  decisionSchema,
  type NewWorkflowRequest,
  newWorkflowRequestSchema,
  type RequestFilter,
  type RequestStore,
  type WorkflowRequest,
} from "../workflow-request.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

// KEYS: requests hash, creation-order list. ARGV: id, JSON.
const CREATE = new RedisScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1
`);

// Compare-and-set: the decision applies only if the request is still what the caller read.
// KEYS: requests hash. ARGV: id, JSON read, JSON decided.
const DECIDE = new RedisScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`);

/** Requests as JSON in one hash, with their creation order in a list. */
export class RedisRequests implements RequestStore {
  private readonly all: string;
  private readonly order: string;

  constructor(
    private readonly redis: Redis,
    keys: RedisKeys,
  ) {
    this.all = keys.key("req:all");
    this.order = keys.key("req:order");
  }

  async create(request: NewWorkflowRequest): Promise<WorkflowRequest> {
    const stored: WorkflowRequest = {
      ...capStoredText(validateInput(newWorkflowRequestSchema, request, "requests.create")),
      status: "pending",
    };
    const created = await CREATE.run(this.redis, [this.all, this.order], [stored.id, JSON.stringify(stored)]);
    if (created === 0) {
      throw new StoreConflictError(
        `requests.create: a request with id ${stored.id} exists already; use a new id.`,
      );
    }
    return stored;
  }

  async decide(id: string, decision: Decision): Promise<DecideResult> {
    const valid = validateInput(decisionSchema, decision, "requests.decide");
    for (;;) {
      const json = await this.redis.hget(this.all, id);
      if (json === null) throw new RecordNotFoundError(`requests.decide: no request with id ${id}`);
      const current = JSON.parse(json) as WorkflowRequest;
      if (current.status !== "pending") return { decided: false, request: current };
      const request: WorkflowRequest = { ...current, status: valid.decision, decision: valid };
      if ((await DECIDE.run(this.redis, [this.all], [id, json, JSON.stringify(request)])) === 1) {
        return { decided: true, request };
      }
      // Someone decided in between: read again and report their decision.
    }
  }

  async get(id: string): Promise<WorkflowRequest | undefined> {
    const json = await this.redis.hget(this.all, id);
    return json === null ? undefined : (JSON.parse(json) as WorkflowRequest);
  }

  async list(filter: RequestFilter = {}): Promise<WorkflowRequest[]> {
    const ids = await this.redis.lrange(this.order, 0, -1);
    if (ids.length === 0) return [];
    const rows = await this.redis.hmget(this.all, ...ids);
    return rows
      .filter((json): json is string => json !== null)
      .map((json) => JSON.parse(json) as WorkflowRequest)
      .filter(
        (r) =>
          (filter.taskNo === undefined || r.taskNo === filter.taskNo) &&
          (filter.unit === undefined || r.unit === filter.unit) &&
          (filter.status === undefined || r.status === filter.status),
      );
  }

  restore(tx: ChainableCommander, requests: WorkflowRequest[]): void {
    for (const request of requests) {
      tx.hset(this.all, request.id, JSON.stringify(request));
      tx.rpush(this.order, request.id);
    }
  }
}
