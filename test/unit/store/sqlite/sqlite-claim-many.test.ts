import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../../../src/store/sqlite/sqlite-store.js";
import { makeTempDir } from "../../../helpers/temp-dir.js";

const dir = makeTempDir("duban-sqlite-claim-many");
afterAll(() => dir.remove());

describe("SqliteStore.claimMany", () => {
  // A key SQLite cannot bind fails the insert midway: the claims before it must roll back with it.
  it("rejects and claims nothing when its transaction fails", async () => {
    const store = new SqliteStore({ path: join(dir.path, "fail.sqlite") });
    try {
      const keys = ["a", "b", {} as unknown as string, "c"];
      await expect(store.claimMany(keys, 60_000)).rejects.toThrow();
      expect(await store.claimMany(["a", "b", "c"], 60_000)).toEqual([true, true, true]);
    } finally {
      await store.close();
    }
  });
});
