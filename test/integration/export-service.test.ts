import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { seededDataDir, startServiceProcess, waitFor } from "../helpers/service-process.js";

const ADMIN = "wecom:demo.admin1"; // 袁振华, admin of the office

interface Listed {
  n: number;
  idempotencyKey: string;
  message: { kind: string; fileName?: string; bytes?: number; download?: string; text?: string };
}

// Issue 14, from the outside: the built CLI in its own process with the seed imported, /export
// sent over /dev/inbound, the file listed in /dev/outbox and downloaded from /dev/files.
describe("duban serve: /export, from the outside", () => {
  it("sends an admin the ledger, which /dev/files hands over as a workbook Excel reads", async () => {
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: seededDataDir("duban-export"),
      DUBAN_CLOCK: "2021-04-06T10:00+08:00",
    });
    const sent = await service.post("/dev/inbound", {
      kind: "text",
      eventId: "exp-1",
      from: ADMIN,
      text: "/export",
    });
    expect(sent.status).toBe(202);
    const messages = await waitFor("the ledger and its counts", async () => {
      const listed = (
        await service.get<{ messages: Listed[] }>(`/dev/outbox?to=${encodeURIComponent(ADMIN)}`)
      ).body.messages;
      // Only the answers to /export: on 6 April the admins also get the first quarter's bulletin.
      const answers = listed.filter((m) => m.idempotencyKey.startsWith("answer/local/exp-1/"));
      return answers.length >= 2 ? answers : undefined;
    });
    const [file, answer] = messages;
    expect(file).toMatchObject({
      idempotencyKey: "answer/local/exp-1/1",
      message: { kind: "file", fileName: "台账-2021-04-06.xlsx", download: `/dev/files/${file?.n}` },
    });
    expect(answer?.message.text).toMatch(
      /^已发送台账“台账-2021-04-06\.xlsx”（截至2021年4月6日，\d+ KB）：任务66项、881行、记录0条。$/,
    );

    const text = await (await fetch(`${service.base}/dev/outbox?format=text`)).text();
    expect(text).toMatch(/→ 袁振华: \[文件\] 台账-2021-04-06\.xlsx（\d+ KB）/);

    const download = await fetch(`${service.base}${file?.message.download}`);
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(file?.message.bytes);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet("总表")?.rowCount).toBeGreaterThan(881);

    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 120_000);
});
