import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SEED_PATH } from "../helpers/notice.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Everything the service uses that costs a start to load; a command loads only what it runs. */
const HEAVY = [
  "exceljs",
  "csv-parse",
  "fflate",
  "fast-xml-parser",
  "better-sqlite3",
  "ioredis",
  "koa",
  "@koa/router",
  "node-cron",
  "zod",
  "js-yaml",
  "dayjs",
];

// A module hook that names, on stderr, every package the process resolves and every file of the
// bundle it loads (the bundle holds a few packages itself: scripts/bundle-cli.mjs).
const HOOK = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!specifier.startsWith(".") && !specifier.startsWith("node:") && !specifier.startsWith("file:"))
    process.stderr.write("package: " + specifier + "\\n");
  else if (resolved.url.includes("/dist/bundle/"))
    process.stderr.write("bundle: " + resolved.url.slice(resolved.url.lastIndexOf("/") + 1) + "\\n");
  return resolved;
}`;
const REGISTER = `import { register } from "node:module";
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});`;

/** The packages each file of the bundle holds, from the metafile the bundle script writes. */
function packagesInBundle(): Map<string, string[]> {
  const meta = JSON.parse(readFileSync(join(ROOT, "dist", "bundle", "meta.json"), "utf8")) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  const byFile = new Map<string, string[]>();
  for (const [output, { inputs }] of Object.entries(meta.outputs)) {
    const names = new Set<string>();
    for (const input of Object.keys(inputs)) {
      const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match?.[1]) names.add(match[1]);
    }
    byFile.set(output.slice(output.lastIndexOf("/") + 1), [...names]);
  }
  return byFile;
}

/** Runs the built `duban` (bin/duban.js, as users do) and lists the packages it loaded. */
function packagesLoadedBy(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, "bin/duban.js", ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", timeout: 60_000 },
  );
  // Scoped names keep their scope ("@koa/router"), others are cut at the first slash.
  const loaded = new Set<string>();
  const bundled = packagesInBundle();
  for (const line of result.stderr.split("\n")) {
    if (line.startsWith("bundle: ")) for (const name of bundled.get(line.slice(8)) ?? []) loaded.add(name);
    if (!line.startsWith("package: ")) continue;
    const parts = line.slice("package: ".length).split("/");
    loaded.add(parts.slice(0, parts[0]?.startsWith("@") ? 2 : 1).join("/"));
  }
  return { code: result.status, stdout: result.stdout, loaded: [...loaded] };
}

describe("what a duban command loads", () => {
  it("`duban --help` loads commander alone, none of the service's packages", () => {
    const { code, stdout, loaded } = packagesLoadedBy(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("simulate [options]");
    expect(loaded.filter((name) => HEAVY.includes(name))).toEqual([]);
    expect(loaded).toContain("commander");
  });

  it("importing a text notice loads neither the Excel nor the CSV reader, nor Redis", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duban-cli-start-"));
    const { code, loaded } = packagesLoadedBy(["import", SEED_PATH, "--dry-run"], {
      DUBAN_DATA_DIR: dataDir,
    });
    expect(code).toBe(0);
    expect(loaded).toContain("better-sqlite3");
    expect(loaded.filter((name) => ["exceljs", "csv-parse", "ioredis", "koa"].includes(name))).toEqual([]);
  });
});
