import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SEED_PATH } from "../helpers/notice.js";
import { runCli } from "../helpers/run-cli.js";

interface Totals {
  messages: number;
  perStep: Record<string, number>;
  replies: number;
  outbox: Record<string, number>;
  elapsedSeconds: number;
}

describe("duban simulate", () => {
  const env = { DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-simulate-")) };
  expect(runCli(["import", SEED_PATH], env).code).toBe(0);

  it("runs a week of the seed and prints its totals, leaving the store it read as it was", () => {
    const run = () => runCli(["simulate", "--from", "2021-03-22", "--to", "2021-03-26", "--json"], env);
    const { code, stdout, stderr } = run();
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const totals = JSON.parse(stdout) as Totals;
    // March's reports are due Thursday 25 March: every task's host gets its first reminder on the
    // Monday, and everything planned has gone out by the Friday evening.
    expect(totals.perStep.first).toBe(66);
    expect(totals.messages).toBeGreaterThan(66);
    expect(totals.replies).toBeGreaterThan(0);
    expect(totals.outbox).toMatchObject({ pending: 0, claimed: 0, failed: 0, dead: 0 });
    expect(totals.elapsedSeconds).toBeGreaterThan(0);
    // Nothing was sent from, or left in, the store it read.
    expect(runCli(["outbox"], env).stdout).toContain(
      "待发送0条，重试中0条，发送中0条，未能送达0条，已发送0条",
    );
    // The same seed gives the same run.
    const { elapsedSeconds: _first, ...again } = JSON.parse(run().stdout) as Totals;
    const { elapsedSeconds: _second, ...once } = totals;
    expect(again).toEqual(once);
  }, 60_000);

  it("prints readable totals", () => {
    const { code, stdout } = runCli(["simulate", "--from", "2021-03-22", "--to", "2021-03-22"], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^模拟区间：2021-03-22 至 2021-03-22　回复率：0\.8　随机种子：1\n/);
    expect(stdout).toMatch(/\n发送消息：\d+条（首次提醒66/);
    expect(stdout).toMatch(/\n耗时：[\d.]+秒\n$/);
  }, 60_000);

  it("refuses a reply rate out of range, and a store without a registry, saying what to do", () => {
    const rate = runCli(["simulate", "--from", "2021-03-22", "--to", "2021-03-22", "--reply-rate", "2"], env);
    expect(rate.code).toBe(1);
    expect(rate.stderr).toContain("--reply-rate 2: give a number from 0 to 1.");
    const empty = { DUBAN_DATA_DIR: mkdtempSync(join(tmpdir(), "duban-simulate-empty-")) };
    const none = runCli(["simulate", "--from", "2021-03-22", "--to", "2021-03-22"], empty);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("no registry to simulate. Fix: run `duban import <notice>` first.");
  }, 60_000);
});
