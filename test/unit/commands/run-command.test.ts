import { describe, expect, it } from "vitest";
import { callerOf } from "../../../src/commands/caller-roles.js";
import type { CommandSpec } from "../../../src/commands/command-spec.js";
import { helpCommand } from "../../../src/commands/help-command.js";
import { readCommand } from "../../../src/commands/read-command.js";
import { runCommand } from "../../../src/commands/run-command.js";
import { whoamiCommand } from "../../../src/commands/whoami-command.js";
import { commandPeople, fakeCommandContext } from "../../helpers/command-world.js";

/** Stand-ins for #13's commands: one for admins, one for leaders and admins, one for contacts. */
const fake = (name: string, alias: string, roles: CommandSpec["roles"]): CommandSpec => ({
  name,
  aliases: [alias],
  params: [{ name: "task", optional: true }],
  roles,
  text: { summary: "helpSummary", usage: "helpUsage", example: "helpExample" },
  run: async ({ turn }, args) => {
    await turn.answer(`${name} ran`);
    return { result: "answered", ...(args.task ? { taskNo: Number(args.task) } : {}) };
  },
});
const overdue = fake("overdue", "逾期", ["admin"]);
const digest = fake("digest", "周报", ["leader", "admin"]);
const my = fake("my", "我的任务", ["contact", "leader"]);
// The frame's own commands and the stand-ins: the real registry's commands would shadow them.
const REGISTRY = [helpCommand, whoamiCommand, overdue, digest, my];

const callers = {
  admin: () =>
    callerOf(commandPeople, { channel: "wecom", from: "admin1" }, commandPeople.byId("wecom:admin1")),
  leaderAdmin: () =>
    callerOf(commandPeople, { channel: "wecom", from: "lead1" }, commandPeople.byId("wecom:lead1")),
  leader: () =>
    callerOf(commandPeople, { channel: "wecom", from: "lead2" }, commandPeople.byId("wecom:lead2")),
  contact: () => callerOf(commandPeople, { channel: "wecom", from: "c1" }, commandPeople.byId("wecom:c1")),
  unknown: () => callerOf(commandPeople, { channel: "dingtalk", from: "ding-42" }, undefined),
};

async function send(who: keyof typeof callers, text: string) {
  const world = fakeCommandContext(callers[who](), REGISTRY);
  const line = readCommand(text, REGISTRY);
  if (!line) throw new Error(`"${text}" is not a command`);
  await runCommand(world.ctx, line);
  return world;
}

/** The commands a /help answer lists, by their first alias (the fakes share /help's usage line). */
const listed = (help: string) => [...help.matchAll(/^· \S+（([^、）]+)/gm)].map((m) => m[1]);

describe("/help per role", () => {
  const help = async (who: keyof typeof callers) => listed((await send(who, "/help")).answers[0] ?? "");

  it("lists exactly the commands each role may run, in the registry's order", async () => {
    expect(await help("admin")).toEqual(["帮助", "我是谁", "逾期", "周报"]);
    expect(await help("leaderAdmin")).toEqual(["帮助", "我是谁", "逾期", "周报", "我的任务"]);
    expect(await help("leader")).toEqual(["帮助", "我是谁", "周报", "我的任务"]);
    expect(await help("contact")).toEqual(["帮助", "我是谁", "我的任务"]);
    expect(await help("unknown")).toEqual(["帮助", "我是谁"]);
  });

  it("shows each command's usage, aliases and one-line help, and tells someone unknown what to do", async () => {
    const { answers } = await send("contact", "/help");
    expect(answers).toEqual([
      [
        "您可用的命令：",
        "· /help（帮助、查看帮助、命令）：列出您可用的命令",
        "· /whoami（我是谁、我的身份、查看身份）：查看您的身份、所属单位和本渠道账号",
        "· /help（我的任务）：列出您可用的命令",
        "发送“/英文命令”或中文名称均可，如“/help”或“帮助”。",
      ].join("\n"),
    ]);
    const unknown = (await send("unknown", "/help")).answers[0];
    expect(unknown).toMatch(/\n您尚未登记在督办联系人名录中，请将 \/whoami（我是谁）显示的账号告知督考办/);
  });
});

describe("/whoami", () => {
  it("tells a person their roles, units and the account they wrote from", async () => {
    expect((await send("contact", "我是谁")).answers).toEqual([
      "您是袁军：\n· 区财政局联络员\n· 大安镇负责人\n本渠道（企业微信）账号：c1",
    ]);
    expect((await send("leaderAdmin", "/whoami")).answers).toEqual([
      "您是寇宁：\n· 牵头领导\n· 兖州区督考办管理员\n本渠道（企业微信）账号：lead1",
    ]);
  });

  it("tells someone unknown their account and that the office must add them", async () => {
    expect((await send("unknown", "/whoami")).answers).toEqual([
      "本渠道（钉钉）账号：ding-42\n您尚未登记在督办联系人名录中，暂不能接收和报送督办事项。请将上面的账号告知督考办，由其加入名录。",
    ]);
  });
});

describe("runCommand", () => {
  it("runs an allowed command and records who ran what with which arguments and the result", async () => {
    const { answers, audit } = await send("admin", "逾期 12");
    expect(answers).toEqual(["overdue ran"]);
    expect(audit).toEqual([
      {
        at: "2021-03-22T02:00:00.000Z",
        actor: "wecom:admin1",
        action: "command.ran",
        taskNo: 12,
        details: {
          command: "overdue",
          typed: "逾期",
          args: { task: "12" },
          result: "answered",
          roles: ["admin"],
          event: "e-1",
        },
      },
    ]);
  });

  it("refuses a command the caller's roles may not run, naming who may, and records the refusal", async () => {
    const contact = await send("contact", "/overdue 12");
    expect(contact.answers).toEqual(["您好，该命令仅限督考办管理员使用。"]);
    expect(contact.audit).toEqual([
      expect.objectContaining({
        actor: "wecom:c1",
        action: "command.refused",
        details: expect.objectContaining({
          command: "overdue",
          args: ["12"],
          result: "refused",
          roles: ["contact"],
        }),
      }),
    ]);
    expect((await send("contact", "周报")).answers).toEqual(["您好，该命令仅限督考办管理员、牵头领导使用。"]);
    const unknown = await send("unknown", "/overdue");
    expect(unknown.answers).toEqual([
      "您好，该命令仅限督考办管理员使用。\n您尚未登记在督办联系人名录中。可发送 /whoami（我是谁）查看您的账号，并请督考办将其加入名录。",
    ]);
    expect(unknown.audit[0]).toMatchObject({ actor: "dingtalk:ding-42", action: "command.refused" });
  });

  it("answers the usage and an example when the arguments do not fit, and runs nothing", async () => {
    const { answers, audit } = await send("admin", "/overdue 12 13");
    expect(answers).toEqual(["命令格式有误。用法：/help\n例如：/help"]);
    expect(audit).toEqual([
      expect.objectContaining({
        action: "command.invalid",
        details: expect.objectContaining({ result: "usage", problem: { kind: "too-many", extra: "13" } }),
      }),
    ]);
    expect((await send("contact", "/help me")).answers).toEqual(["命令格式有误。用法：/help\n例如：/help"]);
  });

  it("asks whether a mistyped command meant one the caller may run, or points to /help", async () => {
    expect((await send("contact", "/hlep")).answers).toEqual(["您是否要输入 /help（帮助）？"]);
    expect((await send("admin", "/overdeu")).answers).toEqual(["您是否要输入 /overdue（逾期）？"]);
    // A contact may not run /overdue: no suggestion that would only lead to a refusal.
    const contact = await send("contact", "/overdeu");
    expect(contact.answers).toEqual(["没有“/overdeu”这个命令。发送 /help（帮助）查看您可用的命令。"]);
    expect(contact.audit).toEqual([
      expect.objectContaining({
        action: "command.unknown",
        details: expect.objectContaining({ typed: "overdeu", suggestion: null }),
      }),
    ]);
    expect((await send("unknown", "/whoaim")).answers).toEqual(["您是否要输入 /whoami（我是谁）？"]);
  });
});
