import { describe, expect, it } from "vitest";
import { readPage } from "../../../src/commands/args/read-page.js";
import { pageText } from "../../../src/commands/page-text.js";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const tasks = Array.from({ length: 30 }, (_, i) => ({
  text: `第${i + 1}项 统筹抓好高校毕业生、退役军人、农民工等群体就业\n  灯色：绿：按期推进`,
  section: i < 20 ? "【所在单位的任务】" : "【牵头的任务】",
}));
const page = (n: number, textBytes = 600) =>
  pageText({ head: "您的任务（共30项）：", blocks: tasks, page: n, limits: { textBytes }, command: "/my" });

describe("pageText", () => {
  it("answers in one message, without a footer, when everything fits", () => {
    const one = pageText({
      head: "标题",
      blocks: tasks.slice(0, 2),
      page: 1,
      limits: { textBytes: 2048 },
      command: "/my",
    });
    expect(one).toEqual({
      text: `标题\n【所在单位的任务】\n${tasks[0]?.text}\n${tasks[1]?.text}`,
      page: 1,
      pages: 1,
      outOfRange: false,
    });
    const beyond = pageText({
      head: "标题",
      blocks: [],
      page: 2,
      limits: { textBytes: 2048 },
      command: "/my",
    });
    expect(beyond).toMatchObject({ outOfRange: true, text: "只有1页，请发送“/my”查看。" });
  });

  it("cuts a long answer into pages within the byte limit, never splitting a block, each with the head and its section", () => {
    const first = page(1);
    expect(first.pages).toBeGreaterThan(3);
    const all = Array.from({ length: first.pages }, (_, i) => page(i + 1));
    for (const p of all) {
      expect(bytes(p.text)).toBeLessThanOrEqual(600);
      expect(p.text.startsWith("您的任务（共30项）：\n【")).toBe(true);
    }
    // Every block once, in order, across the pages.
    const shown = all.flatMap((p) => [...p.text.matchAll(/^第(\d+)项/gm)].map((x) => Number(x[1])));
    expect(shown).toEqual(tasks.map((_, i) => i + 1));
    expect(first.text).toMatch(new RegExp(`（第1/${first.pages}页。发送“/my 2”查看下一页。）$`));
    expect(all.at(-1)?.text).toMatch(new RegExp(`（第${first.pages}/${first.pages}页，已是最后一页。）$`));
    // The page where the second section starts names it.
    expect(all.some((p) => /\n【牵头的任务】\n第21项/.test(p.text))).toBe(true);
  });

  it("says how many pages there are when asked for one beyond them", () => {
    const beyond = page(99);
    expect(beyond.outOfRange).toBe(true);
    expect(beyond.text).toBe(`共${beyond.pages}页，请发送“/my 1”至“/my ${beyond.pages}”中的一页。`);
  });

  it("cuts a block too long for a page on its own", () => {
    const long = { text: "很长的说明".repeat(200) };
    const cut = pageText({
      head: "标题",
      blocks: [long, { text: "下一项" }],
      page: 1,
      limits: { textBytes: 300 },
      command: "/task 52",
    });
    expect(bytes(cut.text)).toBeLessThanOrEqual(300);
    expect(cut.text).toMatch(/^标题\n很长的说明.*…\n（第1\/2页。发送“\/task 52 2”查看下一页。）$/);
  });
});

describe("readPage", () => {
  it("reads 2, 第2页, 第二页, and the first page when absent", () => {
    for (const text of ["2", "第2页", "第二页", "２", "2页"])
      expect(readPage(text), text).toEqual({ ok: true, value: 2 });
    expect(readPage(undefined)).toEqual({ ok: true, value: 1 });
    for (const text of ["0", "abc", "-1", "2.5"])
      expect(readPage(text), text).toMatchObject({ ok: false, code: "bad-page" });
  });
});
