import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MONDAY_1200, PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/**
 * Issue 14: /export through the real inbound path on the local channel, on Monday 22 March 2021
 * (the seed: 66 tasks, 881 units' parts). The ledger arrives as a file message, listed in
 * /dev/outbox by name and size, downloadable from /dev/files/<n>.
 */
const apps = useProgressApps();
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("/export", () => {
  it("sends an admin the ledger as of today as a file, then its counts", async () => {
    const app = await apps.start(MONDAY_1200);
    await app.say(PEOPLE.admin1, "/export");
    const [file, answer] = await app.outbox(PEOPLE.admin1);
    expect(file?.message).toMatchObject({
      kind: "file",
      fileName: "台账-2021-03-22.xlsx",
      download: `/dev/files/${file?.n}`,
    });
    const bytes = ((file ?? expect.fail("no file sent")).message as unknown as { bytes: number }).bytes;
    expect(answer?.message).toEqual({
      kind: "text",
      text: `已发送台账“台账-2021-03-22.xlsx”（截至2021年3月22日，${Math.round(bytes / 1024)} KB）：任务66项、881行、记录0条。`,
    });

    const text = await (
      await fetch(`${app.base}/dev/outbox?to=${encodeURIComponent(PEOPLE.admin1)}&format=text`)
    ).text();
    expect(text).toContain(`[文件] 台账-2021-03-22.xlsx（${Math.round(bytes / 1024)} KB）`);

    const download = await fetch(`${app.base}/dev/files/${file?.n}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe(XLSX);
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent("台账-2021-03-22.xlsx")}`,
    );
    const body = Buffer.from(await download.arrayBuffer());
    expect(body.length).toBe(bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets[0]?.name).toBe("总表");
    expect(workbook.worksheets.at(-1)?.name).toBe("记录");
  });

  it("by=leader splits the ledger by leader, as duban export --by leader does", async () => {
    const app = await apps.start(MONDAY_1200);
    await app.say(PEOPLE.admin1, "导出台账 by=leader");
    const [file] = await app.outbox(PEOPLE.admin1);
    expect(file?.message).toMatchObject({ kind: "file", fileName: "台账-按牵头领导-2021-03-22.xlsx" });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(
        await (await fetch(`${app.base}/dev/files/${file?.n}`)).arrayBuffer(),
      ) as unknown as ExcelJS.Buffer,
    );
    expect(workbook.worksheets.map((s) => s.name)).not.toContain("二、抓好常态化疫情防控");
    expect(workbook.worksheets.length).toBeGreaterThan(2);
  });

  it("answers a grouping it does not know with the usage, and a non-admin with the refusal, building nothing", async () => {
    const app = await apps.start(MONDAY_1200);
    await app.say(PEOPLE.admin1, "/export by=unit");
    expect(await app.lastText(PEOPLE.admin1)).toBe(
      "“unit”不是分表方式。请写 by=section（按部分分表）或 by=leader（按牵头领导分表）。\n用法：/export [by=section|leader]\n例如：/export by=leader",
    );
    await app.say(PEOPLE.hrContact, "/export");
    const refusal = await app.outbox(PEOPLE.hrContact);
    expect(refusal.map((m) => m.message.kind)).toEqual(["text"]);
    expect(await app.lastText(PEOPLE.hrContact)).toMatch(/督考办/);
    expect((await app.outbox(PEOPLE.admin1)).some((m) => m.message.kind === "file")).toBe(false);
  });

  it("/dev/files answers 404 for a message that is no image or file", async () => {
    const app = await apps.start(MONDAY_1200);
    await app.say(PEOPLE.admin1, "/help");
    const [help] = await app.outbox(PEOPLE.admin1);
    expect((await fetch(`${app.base}/dev/files/${help?.n}`)).status).toBe(404);
    expect((await fetch(`${app.base}/dev/files/999`)).status).toBe(404);
  });
});
