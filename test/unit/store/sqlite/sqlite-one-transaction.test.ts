import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../../../src/store/sqlite/sqlite-store.js";
import { makeTempDir } from "../../../helpers/temp-dir.js";

const dir = makeTempDir("duban-sqlite-one-transaction");
afterAll(() => dir.remove());

const entry = (action: string) => ({ at: "2021-03-01T00:00:00.000Z", actor: "system", action, details: {} });

describe("SqliteStore.inOneTransaction", () => {
  it("commits what the work wrote, its own transactions included, for another connection to read", async () => {
    const path = join(dir.path, "commit.sqlite");
    const store = new SqliteStore({ path });
    const other = new SqliteStore({ path });
    try {
      await store.inOneTransaction(async () => {
        await store.audit.append(entry("one"));
        // claimMany is a transaction of its own: inside, a savepoint.
        expect(await store.claimMany(["a", "b"], 60_000)).toEqual([true, true]);
        await store.inOneTransaction(async () => store.audit.append(entry("two")));
      });
      expect((await other.audit.query({})).map((e) => e.action)).toEqual(["one", "two"]);
      expect(await other.claimOnce("a", 60_000)).toBe(false);
    } finally {
      await store.close();
      await other.close();
    }
  });

  it("keeps what was written before the work threw, as single writes would", async () => {
    const store = new SqliteStore({ path: join(dir.path, "throw.sqlite") });
    try {
      const failing = store.inOneTransaction(async () => {
        await store.audit.append(entry("kept"));
        // A transaction that fails rolls back alone.
        await expect(store.claimMany(["x", {} as unknown as string], 60_000)).rejects.toThrow();
        throw new Error("work failed");
      });
      await expect(failing).rejects.toThrow("work failed");
      expect((await store.audit.query({})).map((e) => e.action)).toEqual(["kept"]);
      expect(await store.claimMany(["x"], 60_000)).toEqual([true]);
    } finally {
      await store.close();
    }
  });
});
