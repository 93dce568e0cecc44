import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FIXTURE = join(import.meta.dirname, "..", "..", "fixtures", "cli", "optimisation-status.ts");

/** Whether V8 optimised a small function called `calls` times, in a process of its own. */
function optimised(mode: "default" | "tuned", calls: number): boolean {
  const run = spawnSync(
    process.execPath,
    [
      "--allow-natives-syntax",
      "--no-concurrent-recompilation",
      "--import",
      "tsx",
      FIXTURE,
      mode,
      String(calls),
    ],
    { encoding: "utf8", timeout: 30_000 },
  );
  expect(run.stderr, "a V8 that does not know the flag says so on stderr").toBe("");
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as { optimised: boolean }).optimised;
}

describe("tuneForBatch", () => {
  it("leaves a function V8 optimises by default unoptimised after the same number of calls", () => {
    expect(optimised("default", 500)).toBe(true);
    expect(optimised("tuned", 500)).toBe(false);
  });

  it("still optimises a function that keeps running", () => {
    expect(optimised("tuned", 50_000)).toBe(true);
  });
});
