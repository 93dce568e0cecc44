import { statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../../../../src/store/sqlite/sqlite-store.js";
import { eventually } from "../../../contracts/eventually.js";
import { sampleAudit } from "../../../fixtures/store/sample-records.js";
import { makeTempDir } from "../../../helpers/temp-dir.js";

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** 100 commits: some 700 WAL pages, below SQLite's own automatic checkpoint (1,000 pages). */
async function write100(store: SqliteStore): Promise<void> {
  for (let i = 0; i < 100; i++)
    await store.audit.append(sampleAudit({ details: { n: i, pad: "x".repeat(900) } }));
}

describe("background checkpoints", () => {
  it("copy the WAL into the data file from their own thread, and stop with the store", async () => {
    const dir = makeTempDir("duban-checkpoints");
    const path = join(dir.path, "duban.sqlite");
    cleanup.push(dir.remove);
    const errors: string[] = [];
    const store = new SqliteStore({ path, backgroundCheckpoints: { onError: (m) => errors.push(m) } });
    cleanup.push(() => store.close());
    const before = statSync(path).size;
    await write100(store);
    // Only the thread checkpoints this little (see the one-shot store below).
    await eventually(async () => (statSync(path).size > before + 100_000 ? true : undefined));
    expect(statSync(path).size).toBeGreaterThan(before + 100_000);
    await store.close();
    expect(errors).toEqual([]);
    const again = new SqliteStore({ path });
    cleanup.push(() => again.close());
    expect(await again.audit.query({})).toHaveLength(100);
  });

  it("are not started for a one-shot store, whose WAL waits for SQLite's own checkpoint", async () => {
    const dir = makeTempDir("duban-checkpoints");
    cleanup.push(dir.remove);
    const path = join(dir.path, "duban.sqlite");
    const store = new SqliteStore({ path });
    cleanup.push(() => store.close());
    const before = statSync(path).size;
    await write100(store);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(statSync(path).size).toBe(before);
  });
});
