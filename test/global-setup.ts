import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The product tests run the built CLI (`node bin/duban.js`), as users do. `npm install` builds it;
 * this rebuilds dist/ once per test run when a source file (or the bundle script) is newer, so
 * the tests never run a stale build while someone edits src/.
 */
export default function buildIfStale(): void {
  const built = join(ROOT, "dist", "bundle", "main.js");
  const bundler = join(ROOT, "scripts", "bundle-cli.mjs");
  const newest = Math.max(newestMtime(join(ROOT, "src")), statSync(bundler).mtimeMs);
  if (existsSync(built) && newest <= statSync(built).mtimeMs) return;
  // What `npm run build` runs: tsc, then the bundle bin/duban.js loads (scripts/bundle-cli.mjs).
  const run = (args: string[]) => execFileSync(process.execPath, args, { cwd: ROOT, stdio: "inherit" });
  run([join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"]);
  run([bundler]);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
