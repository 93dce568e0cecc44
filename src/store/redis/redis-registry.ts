import type { ChainableCommander, Redis } from "ioredis";
import type { Task } from "../../registry/registry.js";
import { ParsedRegistryCache } from "../parsed-registry-cache.js";
import {
  type Assignment,
  type ImportRecord,
  type RegistryImport,
  type RegistryStore,
  registryImportSchema,
} from "../registry-import.js";
import type { StoreDump } from "../store-dump.js";
import { toImportRecord } from "../to-import-record.js";
import { validateInput } from "../validate-input.js";
import type { RedisKeys } from "./redis-keys.js";

/**
 * The registry in Redis: the current import whole, its tasks and per-task assignments in
 * hashes, and the history as a list. A save is one MULTI, so readers see the old or the new.
 */
export class RedisRegistry implements RegistryStore {
  private readonly parsed = new ParsedRegistryCache();

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async save(imp: RegistryImport): Promise<void> {
    const valid = validateInput(registryImportSchema, imp, "registry.save");
    const tx = this.redis.multi();
    this.setCurrent(tx, valid);
    tx.rpush(this.keys.key("reg:imports"), JSON.stringify(toImportRecord(valid)));
    this.parsed.clear();
    await tx.exec();
  }

  /**
   * Parsed once per change and shared by every caller, so frozen (see ParsedRegistryCache). The
   * version is what changes with every save or restore, read in one round trip without the
   * registry itself: the history's length and last line, and the stored length (0: none).
   */
  async current(): Promise<RegistryImport | undefined> {
    const imports = this.keys.key("reg:imports");
    const [length, last, size] = (await this.redis
      .pipeline()
      .llen(imports)
      .lindex(imports, -1)
      .strlen(this.keys.key("reg:current"))
      .exec()
      .then(resultsOf)) as [number, string | null, number];
    if (size === 0) return undefined;
    const version = `${length}:${last ?? ""}|${size}`;
    const cached = this.parsed.get(version);
    if (cached) return cached;
    const json = await this.redis.get(this.keys.key("reg:current"));
    // A save between the two reads caches the newer registry under the older version: the next
    // read sees a version that differs and parses again.
    return json === null ? undefined : this.parsed.set(version, json);
  }

  async task(taskNo: number): Promise<Task | undefined> {
    const json = await this.redis.hget(this.keys.key("reg:tasks"), String(taskNo));
    return json === null ? undefined : (JSON.parse(json) as Task);
  }

  async imports(): Promise<ImportRecord[]> {
    const rows = await this.redis.lrange(this.keys.key("reg:imports"), 0, -1);
    return rows.map((json) => JSON.parse(json) as ImportRecord);
  }

  async assignments(taskNo?: number): Promise<Assignment[]> {
    if (taskNo === undefined) return (await this.current())?.assignments ?? [];
    const json = await this.redis.hget(this.keys.key("reg:asg"), String(taskNo));
    return json === null ? [] : (JSON.parse(json) as Assignment[]);
  }

  async dump(): Promise<StoreDump["registry"]> {
    return { current: (await this.current()) ?? null, imports: await this.imports() };
  }

  restore(tx: ChainableCommander, registry: StoreDump["registry"]): void {
    this.parsed.clear();
    if (registry.current !== null) this.setCurrent(tx, registry.current);
    for (const record of registry.imports) tx.rpush(this.keys.key("reg:imports"), JSON.stringify(record));
  }

  private setCurrent(tx: ChainableCommander, imp: RegistryImport): void {
    const byTask = new Map<number, Assignment[]>();
    for (const a of imp.assignments) byTask.set(a.taskNo, [...(byTask.get(a.taskNo) ?? []), a]);
    tx.set(this.keys.key("reg:current"), JSON.stringify(imp));
    tx.del(this.keys.key("reg:tasks"), this.keys.key("reg:asg"));
    const tasks = imp.registry.tasks.flatMap((task) => [String(task.no), JSON.stringify(task)]);
    if (tasks.length > 0) tx.hset(this.keys.key("reg:tasks"), ...tasks);
    const assignments = [...byTask].flatMap(([taskNo, list]) => [String(taskNo), JSON.stringify(list)]);
    if (assignments.length > 0) tx.hset(this.keys.key("reg:asg"), ...assignments);
  }
}

/** The replies of a pipeline, failing on the first error. */
function resultsOf(results: [Error | null, unknown][] | null): unknown[] {
  return (results ?? []).map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
