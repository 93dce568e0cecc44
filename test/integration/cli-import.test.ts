import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { registrySchema } from "../../src/registry/registry.js";
import { SEED_PATH } from "../helpers/notice.js";
import { runCli } from "../helpers/run-cli.js";

const freshDataDir = () => mkdtempSync(join(tmpdir(), "duban-cli-"));

describe("duban import", () => {
  it("prints the seed's registry as JSON: 66 tasks, 8 sections, 6 targets, no problems", () => {
    const { code, stdout, stderr } = runCli(["import", SEED_PATH, "--json"], {
      DUBAN_DATA_DIR: freshDataDir(),
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const registry = registrySchema.parse(JSON.parse(stdout));
    expect([registry.tasks.length, registry.sections.length, registry.targets.length]).toEqual([66, 8, 6]);
    expect(registry.problems).toEqual([]);
  });

  it("prints a human summary, stores the registry, and reports what a re-import changed", () => {
    const dataDir = freshDataDir();
    const first = runCli(["import", SEED_PATH], { DUBAN_DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("任务：66项");
    expect(first.stdout).toContain("八、改善人民生活品质：9项");
    expect(first.stdout).toContain("使用演示名录");
    expect(first.stdout).toContain("未发现问题");
    expect(first.stdout).toContain(`已保存到 sqlite:${join(dataDir, "duban.sqlite")}`);

    const changed = readFileSync(SEED_PATH, "utf8")
      .replace("年内城镇新增就业6000人", "年内城镇新增就业6500人")
      .replace(/^66、.*$/m, "")
      .replace(
        "60、加强思想道德建设",
        "67、新增任务。（牵头领导：屈耀武。承办单位：区财政局）\n60、加强思想道德建设",
      );
    const edited = join(dataDir, "edited.txt");
    writeFileSync(edited, changed);
    const second = runCli(["import", edited], { DUBAN_DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("新增1项，变更1项，删除1项，未变64项");
    expect(second.stdout).toContain("～第52项：任务内容、量化指标");
    expect(second.stdout).toContain("－第66项");
    expect(second.stdout).toMatch(/任务序号不连续/);
  });

  it("writes a scaffold directory to fill in", () => {
    const dataDir = freshDataDir();
    const out = join(dataDir, "directory.yaml");
    const { code } = runCli(["import", SEED_PATH, "--scaffold-directory", out, "--dry-run"], {
      DUBAN_DATA_DIR: dataDir,
    });
    expect(code).toBe(0);
    const scaffold = load(readFileSync(out, "utf8")) as { units: unknown[]; leaders: unknown[] };
    expect(scaffold.units).toHaveLength(61);
    expect(scaffold.leaders).toHaveLength(14);
  });

  it("exits 1 when the file cannot be read, or names no year and no task", () => {
    const dataDir = freshDataDir();
    const missing = runCli(["import", join(dataDir, "nope.txt")], { DUBAN_DATA_DIR: dataDir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.txt: cannot read the file \(ENOENT\)/);

    const odd = join(dataDir, "odd.txt");
    writeFileSync(odd, "这份文件没有任何编号任务。\n");
    const unreadable = runCli(["import", odd, "--json"], { DUBAN_DATA_DIR: dataDir });
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/--year/);
  });

  it("refuses a bad --year and a broken directory with what to fix", () => {
    const dataDir = freshDataDir();
    expect(runCli(["import", SEED_PATH, "--year", "21"], { DUBAN_DATA_DIR: dataDir }).stderr).toMatch(
      /--year 21: not a year\. Fix:/,
    );
    const bad = join(dataDir, "bad.yaml");
    writeFileSync(bad, "units:\n  - { name: 区财政局, kind: bureau }\n");
    const result = runCli(["import", SEED_PATH], { DUBAN_DATA_DIR: dataDir, DUBAN_DIRECTORY: bad });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml: invalid directory:\n {2}- units\[0\]\.kind/);
  });
});
