import type { ChainableCommander, Redis } from "ioredis";
import { capStoredText } from "../cap-stored-text.js";
import { compareText } from "../compare-text.js";
import {
  type NewProgressReport,
  newProgressReportSchema,
  type ProgressReport,
  type ProgressStore,
} from "../progress-report.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";
import { RedisScript } from "./redis-script.js";

// KEYS: history list, versions hash, latest-per-unit hash, latest-per-cycle hash, task set.
// ARGV: [unit, cycle] field, unit, task number, the report's JSON without its version.
// The version goes in front of the caller's JSON, so numbers are never re-encoded by Lua.
const APPEND = new RedisScript(`
local version = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
local stored = '{"version":' .. version .. ',' .. string.sub(ARGV[4], 2)
redis.call('RPUSH', KEYS[1], stored)
redis.call('HSET', KEYS[3], ARGV[2], stored)
redis.call('HSET', KEYS[4], ARGV[1], stored)
redis.call('SADD', KEYS[5], ARGV[3])
return version
`);

/**
 * Progress per task: the history as a list, in append order; the next version per unit and
 * cycle in a hash; each unit's latest report kept beside it so reads of it cost one HGET.
 */
export class RedisProgress implements ProgressStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async append(report: NewProgressReport): Promise<ProgressReport> {
    const valid = capStoredText(validateInput(newProgressReportSchema, report, "progress.append"));
    const k = this.taskKeys(valid.taskNo);
    const version = (await APPEND.run(
      this.redis,
      [k.history, k.versions, k.latestOfUnit, k.latestOfCycle, this.keys.key("prog:tasks")],
      [cycleField(valid.unit, valid.cycle), valid.unit, valid.taskNo, JSON.stringify(valid)],
    )) as number;
    return { ...valid, version };
  }

  async history(taskNo: number, unit?: string): Promise<ProgressReport[]> {
    const all = parseAll(await this.redis.lrange(this.taskKeys(taskNo).history, 0, -1));
    return unit === undefined ? all : all.filter((r) => r.unit === unit);
  }

  async latest(taskNo: number, unit: string, cycle?: string): Promise<ProgressReport | undefined> {
    const k = this.taskKeys(taskNo);
    const json =
      cycle === undefined
        ? await this.redis.hget(k.latestOfUnit, unit)
        : await this.redis.hget(k.latestOfCycle, cycleField(unit, cycle));
    return json === null ? undefined : (JSON.parse(json) as ProgressReport);
  }

  async latestPerUnit(taskNo: number): Promise<ProgressReport[]> {
    const rows = await this.redis.hvals(this.taskKeys(taskNo).latestOfUnit);
    return parseAll(rows).sort((a, b) => compareText(a.unit, b.unit));
  }

  async latestOfEveryUnit(): Promise<ProgressReport[]> {
    const tasks = (await this.redis.smembers(this.keys.key("prog:tasks"))).map(Number).sort((a, b) => a - b);
    const pipeline = this.redis.pipeline();
    for (const taskNo of tasks) pipeline.hvals(this.taskKeys(taskNo).latestOfUnit);
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, rows]) => {
      if (error) throw error;
      return parseAll(rows as string[]).sort((a, b) => compareText(a.unit, b.unit));
    });
  }

  async dump(): Promise<ProgressReport[]> {
    const tasks = (await this.redis.smembers(this.keys.key("prog:tasks"))).map(Number).sort((a, b) => a - b);
    const pipeline = this.redis.pipeline();
    for (const taskNo of tasks) pipeline.lrange(this.taskKeys(taskNo).history, 0, -1);
    const results = (await pipeline.exec()) ?? [];
    return results.flatMap(([error, rows]) => {
      if (error) throw error;
      return parseAll(rows as string[]);
    });
  }

  /** Writes the history in dump order; the version counters and latest reports follow from it. */
  restore(tx: ChainableCommander, reports: ProgressReport[]): void {
    for (const report of reports) {
      const k = this.taskKeys(report.taskNo);
      const json = JSON.stringify(report);
      const field = cycleField(report.unit, report.cycle);
      tx.rpush(k.history, json);
      tx.hset(k.versions, field, report.version);
      tx.hset(k.latestOfUnit, report.unit, json);
      tx.hset(k.latestOfCycle, field, json);
      tx.sadd(this.keys.key("prog:tasks"), String(report.taskNo));
    }
  }

  private taskKeys(taskNo: number) {
    return {
      history: this.keys.key(`prog:t:${taskNo}`),
      versions: this.keys.key(`prog:v:${taskNo}`),
      latestOfUnit: this.keys.key(`prog:u:${taskNo}`),
      latestOfCycle: this.keys.key(`prog:c:${taskNo}`),
    };
  }
}

function cycleField(unit: string, cycle: string): string {
  return JSON.stringify([unit, cycle]);
}

function parseAll(rows: string[]): ProgressReport[] {
  return rows.map((json) => JSON.parse(json) as ProgressReport);
}
