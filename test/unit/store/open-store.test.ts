import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../../src/store/open-store.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const dir = makeTempDir("duban-open-store");
afterAll(() => dir.remove());

describe("openStore", () => {
  it("opens SQLite at <dataDir>/duban.sqlite when no Redis URL is set", async () => {
    const store = await openStore({ dataDir: join(dir.path, "data"), redisKeyPrefix: "duban:" });
    expect(store.kind).toBe("sqlite");
    expect(store.label).toBe(`sqlite:${join(dir.path, "data", "duban.sqlite")}`);
    await store.close();
    expect(existsSync(join(dir.path, "data", "duban.sqlite"))).toBe(true);
  });

  it("lets --store win over REDIS_URL", async () => {
    const path = join(dir.path, "other.sqlite");
    const store = await openStore({
      spec: `sqlite:${path}`,
      dataDir: dir.path,
      redisUrl: "redis://:pw@127.0.0.1:1",
      redisKeyPrefix: "duban:",
    });
    expect(store.label).toBe(`sqlite:${path}`);
    await store.close();
  });

  it("picks Redis when REDIS_URL is set, and says it cannot reach it without showing the password", async () => {
    const opening = openStore({
      dataDir: dir.path,
      redisUrl: "redis://:s3cret-pw@127.0.0.1:1",
      redisKeyPrefix: "d:",
    });
    await expect(opening).rejects.toMatchObject({ name: "StoreUnavailableError", code: "store_unavailable" });
    const message = await opening.catch((error: Error) => error.message);
    expect(message).toMatch(
      /^Cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(.+\)\. Check that Redis is running/,
    );
    expect(message).not.toContain("s3cret-pw");
  });
});
