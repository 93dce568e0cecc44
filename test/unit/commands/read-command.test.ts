import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../../../src/commands/command-spec.js";
import { readCommand } from "../../../src/commands/read-command.js";
import { COMMANDS } from "../../../src/commands/registry.js";
import { SEED_PATH } from "../../helpers/notice.js";

/** A command with arguments, as #13's will have, to read arguments against. */
const remind: CommandSpec = {
  name: "remind",
  aliases: ["催办", "一键催办"],
  params: [{ name: "task" }, { name: "unit", keys: ["单位"], optional: true }],
  roles: ["admin"],
  text: { summary: "helpSummary", usage: "helpUsage", example: "helpExample" },
  run: async () => ({ result: "answered" }),
};
const commands = [...COMMANDS, remind];
const read = (text: string) => readCommand(text, commands);
const named = (text: string) => {
  const line = read(text);
  return line?.kind === "command" ? line.spec.name : line?.kind;
};

describe("readCommand: what is a command", () => {
  it("reads /name, any case, full-width, with or without a space after the slash", () => {
    for (const text of ["/help", "/HELP", "/Help ", "  /help", "／ｈｅｌｐ", "/ help", "/help？", "、help"])
      expect(named(text), text).toBe("help");
    expect(named("/whoami")).toBe("whoami");
  });

  it("reads a Chinese alias with or without the slash, as the whole first word", () => {
    for (const text of ["帮助", "帮助 ", "查看帮助", "帮助？", "帮助。", "/帮助", "命令", "\u3000帮助\u3000"])
      expect(named(text), text).toBe("help");
    for (const text of ["我是谁", "我是谁？", "我的身份", "/我是谁"])
      expect(named(text), text).toBe("whoami");
  });

  it("keeps how the command was typed", () => {
    expect(read("查看帮助")).toMatchObject({ kind: "command", typed: "查看帮助" });
    expect(read("/HELP")).toMatchObject({ kind: "command", typed: "help" });
  });

  it("reads arguments by position and key=value, full-width = included", () => {
    expect(read("/remind 12 区财政局")).toMatchObject({
      kind: "command",
      args: [
        { raw: "12", value: "12" },
        { raw: "区财政局", value: "区财政局" },
      ],
    });
    expect(read("催办 12 单位＝区财政局")).toMatchObject({
      args: [{ raw: "12" }, { raw: "单位＝区财政局", key: "单位", value: "区财政局" }],
    });
    expect(read("/remind\u300012\u3000\u3000Unit=大安镇")).toMatchObject({
      args: [{ value: "12" }, { key: "unit", value: "大安镇" }],
    });
  });

  it("takes any slash word as a command, known or not: it is never a progress reply", () => {
    expect(read("/hlep")).toEqual({ kind: "unknown", typed: "hlep" });
    expect(read("/overdeu 区财政局")).toEqual({ kind: "unknown", typed: "overdeu" });
    expect(read("/52 已完成")).toEqual({ kind: "unknown", typed: "52" });
    expect(read("/")).toEqual({ kind: "unknown", typed: "" });
  });
});

describe("readCommand: what stays a reply", () => {
  it("does not read the replies the progress tests send", () => {
    const replies = [
      "52 已新增就业4200人",
      "52 已完成",
      "已新增就业4200人",
      "52 有困难：招聘场地未落实",
      "52号 新增就业1.2万人",
      "第五十二项 新增就业四千二百人",
      "（52）城镇登记失业率百分之二点九",
      "2021年6月30日 招聘活动延后举办",
      "春季招聘会场地尚未落实，需区里协调",
      "正在推进",
      "你好",
      "99 已完成",
      "52 困难已解决，招聘会如期举办",
    ];
    for (const reply of replies) expect(read(reply), reply).toBeUndefined();
  });

  it("does not read words that only start like an alias", () => {
    for (const reply of [
      "帮我看看",
      "帮助企业纾困解难已完成",
      "帮助企业纾困解难 已完成",
      "帮助：已协调",
      "帮 助",
      "命令已下达各镇街",
      "我是谁的联络员",
      "催办件已办结",
      "help",
      "whoami",
      "、已完成",
    ])
      expect(read(reply), reply).toBeUndefined();
  });

  it("reads an alias followed by words as a reply when the command takes no arguments", () => {
    expect(read("帮助 企业纾困解难已完成")).toBeUndefined();
    expect(read("我是谁 区财政局联络员")).toBeUndefined();
    // With the slash it is a command all the same: the arguments are then checked against it.
    expect(named("/帮助 企业纾困解难已完成")).toBe("help");
    // A command that takes arguments reads them after its alias.
    expect(named("催办 12")).toBe("remind");
  });

  it("reads none of the seed's tasks as a command, alone, numbered, or after an alias without a space", () => {
    const tasks = readFileSync(SEED_PATH, "utf8")
      .split("\n")
      .flatMap((line) => {
        const task = /^(\d+)、(.+?)(（牵头领导|$)/.exec(line.trim());
        return task ? [{ no: task[1], text: task[2] ?? "" }] : [];
      });
    expect(tasks).toHaveLength(66);
    const aliases = commands.flatMap((c) => c.aliases);
    for (const { no, text } of tasks) {
      const firstClause = text.split("，")[0] ?? text;
      for (const reply of [text, firstClause, `${no} ${firstClause}`, `第${no}项 已完成`])
        expect(read(reply), reply).toBeUndefined();
      for (const alias of aliases)
        expect(read(`${alias}${firstClause}`), alias + firstClause).toBeUndefined();
    }
  });
});
