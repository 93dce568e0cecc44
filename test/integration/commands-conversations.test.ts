import { describe, expect, it } from "vitest";
import { HR, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/** Issue 10 item 5: commands through the real inbound path, over HTTP, on the local channel. */
const { remindedMonday } = useProgressApps();
const STRANGER = "wecom:not.in.directory";

describe("commands in chat", () => {
  it("answers /help and 帮助 with the commands a contact may run, and records nothing as a report", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "/help");
    const help = await app.lastText(PEOPLE.hrContact);
    expect(help).toMatch(
      /^您可用的命令：\n· \/help（帮助、查看帮助、命令）：列出您可用的命令\n· \/whoami（我是谁/,
    );
    await app.say(PEOPLE.hrContact, "帮助");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(help);
    // 徐勇 has two cards waiting (tasks 52 and 53): a reply without a number would be asked which.
    expect((await app.texts(PEOPLE.hrContact)).some((t) => t.includes("请在回复开头注明任务序号"))).toBe(
      false,
    );
    expect(await app.store.progress.latest(52, HR)).toBeUndefined();
    const ran = (await app.store.audit.query({})).filter((e) => e.action === "command.ran");
    expect(ran.map((e) => [e.actor, e.details.command, e.details.typed, e.details.result])).toEqual([
      [PEOPLE.hrContact, "help", "help", "answered"],
      [PEOPLE.hrContact, "help", "帮助", "answered"],
    ]);
  });

  it("still reads a reply that starts like an alias as a reply", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "帮助企业纾困解难已完成");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^您有2项任务待报送：第52项/);
    await app.say(PEOPLE.hrContact, "52 帮助企业新增就业4200人");
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/^已记录第52项/);
    expect((await app.store.audit.query({})).filter((e) => e.action.startsWith("command."))).toEqual([]);
  });

  it("tells a contact and an admin who they are, and suggests /help for /hlep", async () => {
    const app = await remindedMonday();
    await app.say(PEOPLE.hrContact, "/whoami");
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      `您是徐勇：\n· ${HR}联络员\n本渠道（本地通道）账号：${PEOPLE.hrContact}\n企业微信账号：demo.u06.contact\n钉钉账号：demo-u06-contact`,
    );
    await app.say(PEOPLE.admin1, "我是谁");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      `您是袁振华：\n· 兖州区督考办管理员\n本渠道（本地通道）账号：${PEOPLE.admin1}\n企业微信账号：demo.admin1\n钉钉账号：demo-admin1`,
    );
    await app.say(PEOPLE.admin1, "/hlep");
    expect(await app.lastText(PEOPLE.admin1)).toBe("您是否要输入 /help（帮助）？");
    expect((await app.store.audit.query({})).at(-1)).toMatchObject({
      actor: PEOPLE.admin1,
      action: "command.unknown",
      details: { typed: "hlep", suggestion: "help" },
    });
  });

  it("lets someone not in the directory find their id, and refuses them anything else", async () => {
    const app = await remindedMonday();
    await app.say(STRANGER, "/whoami");
    expect(await app.lastText(STRANGER)).toBe(
      `本渠道（本地通道）账号：${STRANGER}\n` +
        "您尚未登记在督办联系人名录中，暂不能接收和报送督办事项。请将上面的账号告知督考办，由其加入名录。",
    );
    await app.say(STRANGER, "帮助");
    expect(await app.lastText(STRANGER)).toMatch(/^您可用的命令：\n· \/help.*\n· \/whoami.*\n发送/);
    await app.say(STRANGER, "52 已完成");
    expect(await app.lastText(STRANGER)).toContain("您不在督办联系人名录中");
    const audit = (await app.store.audit.query({})).filter((e) => e.actor !== "system");
    expect(audit.map((e) => [e.actor, e.action])).toEqual([
      [`local:${STRANGER}`, "command.ran"],
      [`local:${STRANGER}`, "command.ran"],
      [`local:${STRANGER}`, "reply.refused"],
    ]);
  });
});
