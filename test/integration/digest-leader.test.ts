import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { byteLength } from "../../src/channels/split-text.js";
import { DEFAULT_SETTINGS } from "../../src/config/settings.js";
import { indexPeople } from "../../src/directory/people.js";
import { type ComposedDigest, composeDigests } from "../../src/reports/digest/compose-digest.js";
import type { LedgerSources } from "../../src/reports/ledger/ledger-sources.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { DIGEST_UNITS, recordDigestScenario } from "../helpers/digest-scenario.js";
import { demoDirectory, importSeed } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * Issue 14, item 1: 寇宁's digest for 2021-W14 over the seed (he leads tasks 1, 38 and 47) in a real
 * SQLite store, after a week in which units reported, one raised a difficulty, a completion and an
 * extension were approved, and a unit on someone else's task reported.
 */
const dir = makeTempDir("duban-digest");
let store: SqliteStore;
let sources: LedgerSources;
let kou: ComposedDigest;
let text: string;

async function compose(leaders: string[], week: string, textBytes = 2048) {
  const result = await composeDigests(sources, { leaders, week }, { textBytes });
  if (result.status !== "composed") throw new Error(result.status);
  return result.digests;
}

beforeAll(async () => {
  store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
  await importSeed(store);
  await recordDigestScenario(store);
  sources = {
    store,
    directory: demoDirectory,
    people: indexPeople(demoDirectory),
    calendar: createChineseDaysCalendar(),
    settings: DEFAULT_SETTINGS,
  };
  [kou] = (await compose(["寇宁"], "2021-W14")) as [ComposedDigest];
  text = kou.parts.join("\n");
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

describe("寇宁's weekly digest for 2021-W14", () => {
  it("is as of Tuesday 6 April 09:10 (Monday is 清明), counting from Monday 29 March's", () => {
    expect(kou.digest.at).toBe("2021-04-06T01:10:00.000Z");
    expect(kou.digest.since).toBe("2021-03-29T01:10:00.000Z");
    expect(kou.parts[0]?.split("\n").slice(0, 3)).toEqual([
      "寇宁同志：督办周报（2021年第14周）",
      "截至4月6日（周二）09:10，您牵头3项任务：红灯2项，已办结1项。",
      "承办单位71个：红灯67个，黄灯2个，绿灯1个，已办结1个。",
    ]);
  });

  it("shows only the tasks he leads", () => {
    expect(kou.digest.tasks.map((t) => t.no)).toEqual([1, 38, 47]);
    const named = [...text.matchAll(/第(\d+)项/g)].map((match) => Number(match[1]));
    expect(new Set(named)).toEqual(new Set([1, 38, 47]));
    expect(text).not.toContain("区人社局：城镇新增就业");
  });

  it("gives every red and yellow with its reason in words", () => {
    expect(text).toContain("【黄灯】\n第1项 坚持");
    expect(text).toContain("· 大安镇：2021年3月进展逾期后已补报；反映困难：核酸检测试剂短缺，需区里协调调配");
    expect(text).toContain("· 区疫情防控指挥部：2021年3月进展逾期后已补报");
    // The reds here are all late reports: one line for the three tasks, the units named below.
    expect(text).toContain(
      "【红灯】\n· 第1、38、47项：67个单位报送逾期，最长9个工作日（名单见【未按期报送】）\n\n【黄灯】",
    );
    const reds = kou.digest.alerts.filter((a) => a.color === "red").flatMap((a) => a.units);
    const yellows = kou.digest.alerts.filter((a) => a.color === "yellow").flatMap((a) => a.units);
    expect([reds.length, yellows.length]).toEqual([67, 2]);
  });

  it("lists what changed since the last digest: reports with their numbers, lights, completion, extension", () => {
    expect(text).toContain(
      [
        "【变化（3月29日（周一）09:10以来）】",
        "· 3月30日（周二）第1项 区疫情防控指挥部：完成30%",
        "· 3月31日（周三）第1项 大安镇：反映困难（核酸检测试剂短缺，需区里协调调配）",
        "· 4月1日（周四）第38项 区委改革办：办结申请获批",
        "· 4月2日（周五）第47项 优化金融环境指挥部：延期至2022年6月30日（周四）获批",
        "· 第1项 大安镇：红灯转黄灯",
      ].join("\n"),
    );
    // Reported before the last digest, or after this one's send time: not a change of this week.
    expect(text).not.toContain("改革试点方案已报区委深改委");
    expect(text).not.toContain("晚于周报的报送");
  });

  it("names the units that have not reported, host units first", () => {
    expect(text).toContain(
      "· 第1项 2021年3月进展：区卫健局、区市场监管局、区应急管理局等12个单位，最长逾期9个工作日",
    );
    const silent = kou.digest.silent.find((s) => s.task.no === 1);
    expect(silent?.units).not.toContain(DIGEST_UNITS.daan);
    expect(silent?.units).not.toContain("区疫情防控指挥部");
  });

  it("gives the pace of numeric progress against 序时进度, and the rows a pace chart is drawn from", () => {
    expect(text).toContain(
      "【数据指标（全年序时进度25.2%）】\n· 第1项 总体进度（区疫情防控指挥部）：完成30%，快于序时进度",
    );
    expect(kou.digest.paceRows).toEqual([{ label: "第1项总体进度", share: 30 }]);
    expect(kou.digest.pace).toBeCloseTo(25.2, 1);
  });

  it("fits one WeCom text message, and splits within a smaller limit at line boundaries", async () => {
    expect(kou.parts).toHaveLength(1);
    expect(byteLength(kou.parts[0] ?? "")).toBeLessThanOrEqual(2048);
    const [small] = (await compose(["寇宁"], "2021-W14", 600)) as [ComposedDigest];
    expect(small.parts.length).toBeGreaterThan(kou.parts.length);
    for (const part of small.parts) expect(byteLength(part)).toBeLessThanOrEqual(600);
    const lines = new Set(kou.parts.flatMap((part) => part.split("\n")));
    for (const line of small.parts.flatMap((part) => part.split("\n")))
      if (!line.includes("（续）")) expect(lines.has(line)).toBe(true);
  });

  it("shows the report made after one digest's send time in the next week's", async () => {
    const [w15] = (await compose(["寇宁"], "2021-W15")) as [ComposedDigest];
    expect(w15.parts.join("\n")).toContain(
      "【变化（4月6日（周二）09:10以来）】\n· 4月6日（周二）第1项 大安镇：晚于周报的报送",
    );
  });

  it("keeps a leader of 28 tasks, every one of them red, to a few messages", async () => {
    const [qu] = (await compose(["屈耀武"], "2021-W14")) as [ComposedDigest];
    expect(qu.digest.tasks).toHaveLength(28);
    expect(qu.parts.length).toBeLessThanOrEqual(3);
    const all = qu.parts.join("\n");
    expect(all).toMatch(/· 第8、10、12、.*、66项：437个单位报送逾期/);
    expect(all).toMatch(/· 27个单位黄灯转红灯：第8、10、.*、66项/);
  });

  it("lists what falls due in the next two weeks, and nothing for a leader without tasks", async () => {
    const [w16, nobody] = (await compose(["寇宁", "不存在的领导"], "2021-W16")) as [
      ComposedDigest,
      ComposedDigest,
    ];
    const all = w16.parts.join("\n");
    expect(all).toContain("【近两周到期】");
    // Co-units' input is due two working days before the 25th; 25 April 2021 is a make-up Sunday.
    expect(all).toContain("· 4月22日（周四）第1、38、47项 2021年4月进展：67个单位待报");
    expect(all).toContain(
      "· 4月25日（周日）第1、47项 2021年4月进展：区疫情防控指挥部、优化金融环境指挥部待报",
    );
    expect(all).toContain("【变化（4月12日（周一）09:10以来）】\n· 无新报送，灯色无变化。");
    expect(nobody.digest.tasks).toEqual([]);
    expect(nobody.parts).toEqual([]);
  });
});
