import { describe, expect, it } from "vitest";
import { seededDataDir, startServiceProcess, waitFor } from "../helpers/service-process.js";

interface Delivered {
  to: string;
  idempotencyKey: string;
  message: { kind: string; text?: string; card?: { title: string } };
}

const CONTACT = "wecom:demo.u06.contact"; // 徐勇, contact of 区人力资源和社会保障局
const ADMIN = "wecom:demo.admin1"; // 袁振华, admin of the office

// Issue 10 item 5, from the outside: the built CLI in its own process, the seed imported with
// `duban import`, commands sent over /dev/inbound and their answers read in /dev/outbox.
describe("duban serve: chat commands, from the outside", () => {
  it("answers /help, 帮助, /whoami and /hlep for a contact and for an admin", async () => {
    const data = { path: seededDataDir("duban-commands") };
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: data.path,
      DUBAN_CLOCK: "2021-03-22T08:20+08:00",
    });

    let n = 0;
    /** Sends `text` as `from` and waits for the answer to it (answers are keyed by the event). */
    const ask = async (from: string, text: string): Promise<string> => {
      const eventId = `cmd-${++n}`;
      const sent = await service.post("/dev/inbound", { kind: "text", eventId, from, text });
      expect(sent.status).toBe(202);
      const answer = await waitFor(`the answer to "${text}"`, async () =>
        (
          await service.get<{ messages: Delivered[] }>(`/dev/outbox?to=${encodeURIComponent(from)}`)
        ).body.messages.find((m) => m.idempotencyKey === `answer/local/${eventId}/1`),
      );
      return answer.message.text ?? "";
    };

    const contactHelp = await ask(CONTACT, "/help");
    expect(contactHelp).toMatch(/^您可用的命令：\n· \/help（帮助/);
    expect(contactHelp).toContain("· /whoami（我是谁");
    expect(await ask(CONTACT, "帮助")).toBe(contactHelp);
    expect(await ask(CONTACT, "/whoami")).toBe(
      `您是徐勇：\n· 区人力资源和社会保障局联络员\n本渠道（本地通道）账号：${CONTACT}\n企业微信账号：demo.u06.contact\n钉钉账号：demo-u06-contact`,
    );
    expect(await ask(CONTACT, "/hlep")).toBe("您是否要输入 /help（帮助）？");

    expect(await ask(ADMIN, "/help")).toMatch(/^您可用的命令：\n· \/help（帮助/);
    expect(await ask(ADMIN, "帮助")).toMatch(/^您可用的命令：/);
    expect(await ask(ADMIN, "/whoami")).toBe(
      `您是袁振华：\n· 兖州区督考办管理员\n本渠道（本地通道）账号：${ADMIN}\n企业微信账号：demo.admin1\n钉钉账号：demo-admin1`,
    );
    expect(await ask(ADMIN, "/hlep")).toBe("您是否要输入 /help（帮助）？");

    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 120_000);

  // Issue 13, "Done when": the office finds who is late and urges one of them, and the unit gets it.
  it("lets an admin list the late units with /overdue, urge one with /remind, and the unit receives the urge", async () => {
    const data = { path: seededDataDir("duban-urge") };
    // 10:00 on Monday 22 March 2021: inside the sending hours, February's reports are late everywhere.
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: data.path,
      DUBAN_CLOCK: "2021-03-22T10:00+08:00",
    });
    let n = 0;
    const ask = async (from: string, text: string): Promise<string> => {
      const eventId = `urge-${++n}`;
      expect((await service.post("/dev/inbound", { kind: "text", eventId, from, text })).status).toBe(202);
      const answer = await waitFor(`the answer to "${text}"`, async () =>
        (
          await service.get<{ messages: Delivered[] }>(`/dev/outbox?to=${encodeURIComponent(from)}`)
        ).body.messages.find((m) => m.idempotencyKey === `answer/local/${eventId}/1`),
      );
      return answer.message.text ?? "";
    };

    const late = await ask(ADMIN, "/overdue 人社局");
    expect(late).toMatch(/^区人力资源和社会保障局：逾期共\d+个单位次，涉及\d+项任务：/);
    expect(late).toContain("· 第52项 ");
    expect(await ask(ADMIN, "催办 52 人社局")).toMatch(
      /^已向第52项（.*）以下单位发出催办：\n· 区人力资源和社会保障局（徐勇）$/,
    );
    const urge = await waitFor("the urge to 徐勇", async () =>
      (
        await service.get<{ messages: Delivered[] }>(`/dev/outbox?to=${encodeURIComponent(CONTACT)}`)
      ).body.messages.find((m) => m.message.card?.title === "督考办催办｜第52项进展报送"),
    );
    expect(urge.idempotencyKey).toMatch(/^urge\/52\/区人力资源和社会保障局\/local\/urge-2\//);
    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 120_000);
});
