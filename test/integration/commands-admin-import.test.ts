import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SEED_PATH } from "../helpers/notice.js";
import { PEOPLE, type ProgressApp, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 13: /import through the real inbound path on the local channel. An admin sends a notice as
 * a file: it is read with `duban import`'s reader and answered with its summary and diff, and
 * nothing changes until `/import confirm`. The app holds the seed notice (2021, 66 tasks).
 */
const apps = useProgressApps();
const MONDAY_0900 = "2021-03-22T01:00:00Z";
const SEED = readFileSync(SEED_PATH, "utf8");
/** The seed with task 53 reworded: one task changed. */
const REVISED = SEED.replace("增强社会保险支撑能力。", "增强社会保险支撑能力，年内完成参保扩面。");
const OTHER_YEAR = readFileSync(new URL("../fixtures/notices/01-labelled-lines.txt", import.meta.url));

const imported = async (app: ProgressApp) => (await app.store.registry.current())?.source.path;
const actions = async (app: ProgressApp, prefix: string) =>
  (await app.store.audit.query({})).filter((e) => e.action.startsWith(prefix));

describe("/import", () => {
  it("shows the diff of a file an admin sends, changes nothing, and applies it on /import confirm", async () => {
    const app = await apps.start(MONDAY_0900);
    const before = await app.store.registry.current();
    await app.sendFile(PEOPLE.admin1, "兖州区2021年任务修订.txt", REVISED);
    const answer = await app.lastText(PEOPLE.admin1);
    expect(answer).toMatch(/^已读取文件“兖州区2021年任务修订\.txt”，尚未应用，台账未作任何更改。\n/);
    expect(answer).toContain("核对无误后，发送 /import confirm 应用本次导入；发送 /import cancel 放弃。");
    const all = (await app.texts(PEOPLE.admin1)).join("\n");
    expect(all).not.toContain("duban import");
    // Every page within the channel's message size.
    for (const text of await app.texts(PEOPLE.admin1))
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(app.app.services.limits.textBytes);
    expect(await app.store.registry.current()).toEqual(before);
    expect((await app.store.overrides.list()).map((o) => [o.kind, o.setBy])).toEqual([
      ["pending-import", PEOPLE.admin1],
    ]);

    // The diff may be on a later page: /import shows the pending import again, page by page.
    const pages: string[] = [];
    for (let page = 1; page <= 5; page++) {
      await app.say(PEOPLE.admin1, page === 1 ? "/import" : `/import ${page}`);
      const text = await app.lastText(PEOPLE.admin1);
      expect(text).toMatch(/^待确认的导入：文件“兖州区2021年任务修订\.txt”，尚未应用（10:00前有效）。/);
      pages.push(text);
      if (!text.includes("查看下一页")) break;
    }
    const summary = pages.join("\n");
    expect(summary).toContain("读取任务：66项");
    expect(summary).toContain("年度：2021年");
    expect(summary).toContain("与上次导入相比：新增0项，变更1项，删除0项，未变65项。");
    expect(summary).toContain("　～第53项：任务内容");

    // Another admin has nothing pending: each admin confirms what they sent.
    await app.say(PEOPLE.admin2, "/import confirm");
    expect(await app.lastText(PEOPLE.admin2)).toBe(
      "没有待确认的导入（文件发来后1小时内有效）。请先将通知文件发给我，核对后再发送 /import confirm。",
    );
    expect(await app.store.registry.current()).toEqual(before);

    await app.say(PEOPLE.admin1, "导入 确认");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "已应用导入：文件“兖州区2021年任务修订.txt”，2021年任务66项；新增0项，变更1项，删除0项（已登记的进展保留）。提醒自下一次起按新台账发送。",
    );
    expect(await imported(app)).toBe("兖州区2021年任务修订.txt");
    expect((await app.store.registry.task(53))?.text).toContain("年内完成参保扩面");
    expect(await app.store.overrides.list()).toEqual([]);
    expect(await actions(app, "registry.imported")).toEqual([
      expect.objectContaining({
        actor: PEOPLE.admin1,
        details: expect.objectContaining({
          file: "兖州区2021年任务修订.txt",
          tasks: 66,
          year: 2021,
          via: "chat",
          added: [],
          changed: [53],
          removed: [],
        }),
      }),
    ]);
    expect((await actions(app, "import.")).map((e) => [e.action, e.details.file])).toEqual([
      ["import.read", "兖州区2021年任务修订.txt"],
    ]);
    // Applied once: a second confirmation finds nothing.
    await app.say(PEOPLE.admin1, "/import confirm");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^没有待确认的导入/);
  });

  it("needs /import confirm replace for a file of another year that removes most tasks", async () => {
    const app = await apps.start(MONDAY_0900);
    await app.sendFile(PEOPLE.admin1, "2024年分解方案.txt", OTHER_YEAR);
    const answer = await app.lastText(PEOPLE.admin1);
    expect(answer).toContain("注意：本次导入将删除已登记66项任务中的62项（超过四分之一）。");
    expect(answer).toContain("注意：本次导入的年度（2024年）与已登记台账的年度（2021年）不同。");
    expect(answer).toContain("发送 /import confirm replace 应用");

    await app.say(PEOPLE.admin1, "/import confirm");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^注意：本次导入将删除.*\n注意：本次导入的年度（2024年）与已登记台账的年度（2021年）不同。\n核对无误、确需以此文件替换台账时，发送 \/import confirm replace 应用；发送 \/import cancel 放弃。$/,
    );
    expect(await imported(app)).not.toBe("2024年分解方案.txt");
    await app.say(PEOPLE.admin1, "/import confirm 全部");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^“全部”不是可用的方式。/);

    await app.say(PEOPLE.admin1, "/import confirm replace");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^已应用导入：文件“2024年分解方案\.txt”，2024年任务\d+项；/,
    );
    expect(await imported(app)).toBe("2024年分解方案.txt");
    expect((await actions(app, "registry.imported"))[0]?.details).toMatchObject({
      replace: true,
      year: 2024,
    });
  });

  it("drops a pending import on /import cancel", async () => {
    const app = await apps.start(MONDAY_0900);
    const before = await app.store.registry.current();
    await app.sendFile(PEOPLE.admin1, "修订.txt", REVISED);
    await app.say(PEOPLE.admin1, "/import cancel");
    expect(await app.lastText(PEOPLE.admin1)).toBe("已放弃文件“修订.txt”的导入，台账未作任何更改。");
    expect(await app.store.overrides.list()).toEqual([]);
    await app.say(PEOPLE.admin1, "/import");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^没有待确认的导入。请将任务通知或分解表文件/);
    expect(await app.store.registry.current()).toEqual(before);
  });

  it("forgets a pending import after an hour", async () => {
    const app = await apps.start(MONDAY_0900);
    await app.sendFile(PEOPLE.admin1, "修订.txt", REVISED);
    app.clock.set("2021-03-22T02:00:01Z");
    await app.say(PEOPLE.admin1, "/import confirm");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^没有待确认的导入（文件发来后1小时内有效）/);
    expect(await app.store.overrides.list()).toEqual([]);
    expect(await actions(app, "registry.imported")).toEqual([]);
  });

  it("refuses a contact's file politely and stores nothing", async () => {
    const app = await apps.start(MONDAY_0900);
    const before = await app.store.registry.current();
    await app.sendFile(PEOPLE.hrContact, "我单位进展.txt", REVISED);
    expect(await app.lastText(PEOPLE.hrContact)).toBe(
      "您好，通知文件由督考办统一导入台账，本文件未作处理。如需更新任务，请将文件发给督考办。",
    );
    await app.say(PEOPLE.hrContact, "/import confirm");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员使用。");
    expect(await app.store.overrides.list()).toEqual([]);
    expect(await app.store.registry.current()).toEqual(before);
    expect((await actions(app, "import.")).map((e) => [e.action, e.actor, e.details.reason])).toEqual([
      ["import.refused", PEOPLE.hrContact, "not-an-admin"],
    ]);
  });

  it("answers an unreadable file with the reader's problems and stores nothing", async () => {
    const app = await apps.start(MONDAY_0900);
    const before = await app.store.registry.current();
    await app.sendFile(PEOPLE.admin1, "通知.doc", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]));
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^文件“通知\.doc”无法读取，未作任何更改：\n旧版 Office 格式（\.doc\/\.xls\/\.wps\/\.et）无法读取，请用 Word、Excel 或 WPS“另存为” \.docx 或 \.xlsx 后发送/,
    );
    await app.sendFile(PEOPLE.admin1, "会议纪要.txt", "2021年3月会议纪要\n\n会议听取了各单位工作汇报。\n");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(
      /^文件“会议纪要\.txt”中未读取到任何任务，未作任何更改，原有台账保留。/,
    );
    expect(await app.store.overrides.list()).toEqual([]);
    expect(await app.store.registry.current()).toEqual(before);
    expect((await actions(app, "import.")).map((e) => e.action)).toEqual([
      "import.unreadable",
      "import.unreadable",
    ]);
    await app.say(PEOPLE.admin1, "/import confirm");
    expect(await app.lastText(PEOPLE.admin1)).toMatch(/^没有待确认的导入（文件发来后1小时内有效）/);
  });
});
