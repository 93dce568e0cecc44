import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { registerBackupCommand } from "../../src/cli/backup-command.js";
import { registerRestoreCommand } from "../../src/cli/restore-command.js";
import { fillStore } from "../fixtures/store/fill-store.js";
import { sampleReport } from "../fixtures/store/sample-records.js";
import { type StoreLocation, type StoreTarget, storeTargets } from "../fixtures/store/store-targets.js";
import { makeTempDir } from "../helpers/temp-dir.js";

const { targets, cleanup } = await storeTargets("backup");
const files = makeTempDir("duban-backup-files");
afterAll(async () => {
  files.remove();
  await cleanup();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `duban <args>` through the real commands; returns what they printed. */
async function duban(location: StoreLocation, ...args: string[]): Promise<string> {
  const program = new Command("duban").exitOverride();
  const defaults = { dataDir: files.path, redisKeyPrefix: location.prefix };
  registerBackupCommand(program, defaults);
  registerRestoreCommand(program, () => defaults);
  let printed = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed += String(chunk);
    return true;
  });
  try {
    await program.parseAsync([...args, "--store", location.spec], { from: "user" });
  } finally {
    vi.restoreAllMocks();
  }
  return printed;
}

const [sqlite, redis] = targets as [StoreTarget, StoreTarget];
let n = 0;
const file = (name: string) => join(files.path, `${++n}-${name}.json`);

describe.each([
  ["SQLite", "Redis", sqlite, redis],
  ["Redis", "SQLite", redis, sqlite],
] as const)("backup from %s, restore into %s", (_from, _to, from, to) => {
  it.skipIf(!from.available || !to.available)(
    "gives a backup identical byte for byte to the first",
    async () => {
      const source = from.fresh();
      const store = await from.open(source);
      await fillStore(store);
      await store.close();

      const first = file("first");
      expect(await duban(source, "backup", "--out", first)).toMatch(
        /^已备份：.* → .*\n登记导入2次（当前任务3项），进展5条，申请2件，消息5条/,
      );
      const target = to.fresh();
      const restored = await duban(target, "restore", first);
      expect(restored).toContain("已核对：恢复后的数据与备份内容一致。");
      const second = file("second");
      await duban(target, "backup", "--out", second);
      expect(readFileSync(second, "utf8")).toBe(readFileSync(first, "utf8"));
    },
  );
});

describe.each(targets)("restore into a $name store that holds data", (target) => {
  it.skipIf(!target.available)("refuses without --force, and says how to proceed", async () => {
    const backup = file("small");
    const empty = target.fresh();
    await duban(empty, "backup", "--out", backup);
    const busy = target.fresh();
    const store = await target.open(busy);
    await store.progress.append(sampleReport());
    await store.close();

    await expect(duban(busy, "restore", backup)).rejects.toThrow(
      /already holds data, so nothing was restored .*add --force to erase everything in it first/,
    );
    const kept = await target.open(busy);
    expect(await kept.progress.history(52)).toHaveLength(1);
    await kept.close();

    await duban(busy, "restore", backup, "--force");
    const replaced = await target.open(busy);
    expect(await replaced.isEmpty()).toBe(true);
    await replaced.close();
  });
});

describe("restore of a file that is not a backup", () => {
  it("names the file and what is wrong, before touching any store", async () => {
    const location = sqlite.fresh();
    await expect(duban(location, "restore", join(files.path, "missing.json"))).rejects.toThrow(
      /missing\.json: cannot read the backup/,
    );
  });
});
