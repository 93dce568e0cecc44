import { describe, expect, it } from "vitest";
import { bindArgs } from "../../../src/commands/bind-args.js";
import type { ParamSpec } from "../../../src/commands/command-spec.js";
import { readCommand } from "../../../src/commands/read-command.js";

/** Arguments shaped like #13's /extend N [unit] 新日期 理由 and /away 日期 代理人=李四. */
const extend: ParamSpec[] = [
  { name: "task", keys: ["任务"] },
  { name: "unit", keys: ["单位"], optional: true, namedOnly: true },
  { name: "date", keys: ["日期"] },
  { name: "reason", keys: ["理由"], rest: true },
];
const away: ParamSpec[] = [
  { name: "dates", keys: ["日期"] },
  { name: "substitute", keys: ["代理人"], optional: true },
];

function bind(params: ParamSpec[], args: string) {
  const line = readCommand(`/x ${args}`, [
    {
      name: "x",
      aliases: [],
      params,
      roles: ["admin"],
      text: { summary: "s", usage: "u", example: "e" },
      run: async () => ({ result: "answered" }),
    },
  ]);
  if (line?.kind !== "command") throw new Error("not read as a command");
  return bindArgs(params, line.args);
}

describe("bindArgs", () => {
  it("binds by position in the spec's order", () => {
    expect(bind(away, "4月6日-4月10日 李四")).toEqual({
      ok: true,
      args: { dates: "4月6日-4月10日", substitute: "李四" },
    });
    expect(bind(away, "4月6日-4月10日")).toEqual({ ok: true, args: { dates: "4月6日-4月10日" } });
  });

  it("binds key=value by name or Chinese key, anywhere, the other words filling the params left", () => {
    expect(bind(away, "代理人=李四 4月6日-4月10日")).toEqual({
      ok: true,
      args: { dates: "4月6日-4月10日", substitute: "李四" },
    });
    expect(bind(away, "substitute＝李四 dates=4月6日")).toEqual({
      ok: true,
      args: { dates: "4月6日", substitute: "李四" },
    });
  });

  it("gives a rest param every remaining word, and a named-only param only by key", () => {
    expect(bind(extend, "12 单位=区财政局 2021-04-30 受疫情影响 招聘会延期")).toEqual({
      ok: true,
      args: { task: "12", unit: "区财政局", date: "2021-04-30", reason: "受疫情影响 招聘会延期" },
    });
    expect(bind(extend, "12 2021-04-30 场地=未定 待协调")).toEqual({
      ok: true,
      args: { task: "12", date: "2021-04-30", reason: "场地=未定 待协调" },
    });
  });

  it("names what does not fit", () => {
    expect(bind(away, "4月6日 李四 王五")).toEqual({
      ok: false,
      problem: { kind: "too-many", extra: "王五" },
    });
    expect(bind(away, "代理人=李四")).toEqual({ ok: false, problem: { kind: "missing", param: "dates" } });
    expect(bind(away, "4月6日 代理=李四")).toEqual({
      ok: false,
      problem: { kind: "unknown-key", key: "代理" },
    });
    expect(bind(away, "4月6日 代理人=")).toEqual({
      ok: false,
      problem: { kind: "empty", param: "substitute" },
    });
    expect(bind(away, "日期=4月6日 dates=4月7日")).toEqual({
      ok: false,
      problem: { kind: "repeated", param: "dates" },
    });
    expect(bindArgs([], [{ raw: "x", value: "x" }])).toEqual({
      ok: false,
      problem: { kind: "too-many", extra: "x" },
    });
    expect(bindArgs([], [])).toEqual({ ok: true, args: {} });
  });
});
