import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settingsSchema } from "../../src/config/settings.js";
import { outboxPayloadSchema } from "../../src/delivery/outbox-payload.js";
import { indexPeople } from "../../src/directory/people.js";
import { createBulletinJob } from "../../src/reports/bulletin/bulletin-job.js";
import { parsePeriod } from "../../src/reports/bulletin/bulletin-period.js";
import { type BulletinExport, exportBulletin } from "../../src/reports/bulletin/export-bulletin.js";
import type { LedgerSources } from "../../src/reports/ledger/ledger-sources.js";
import { loadOverview } from "../../src/reports/ledger/load-overview.js";
import { storeAsOf } from "../../src/reports/ledger/store-as-of.js";
import { silentLogger } from "../../src/shared/logger.js";
import type { NewProgressReport } from "../../src/store/progress-report.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { message } from "../../src/templates/template-store.js";
import { readDocx } from "../helpers/read-docx.js";
import { readPng } from "../helpers/read-png.js";
import { demoDirectory, importSeed, seedLedgerSources } from "../helpers/seed-world.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/**
 * Issue 14, item 2: the bulletin (通报) of March 2021 over the seed (66 tasks, 881 units' parts)
 * with a quarter of records in a real SQLite store: its classes agree with the lights /lights
 * shows, and the .docx draft reads back with the same figures.
 */
const UNIT = {
  hr: "区人力资源和社会保障局",
  veterans: "区退役军人事务局",
  enforcement: "区综合行政执法局",
  development: "区发展改革局",
  resources: "区自然资源局",
  justice: "区司法局",
  college: "工业技师学院",
  finance: "优化金融环境指挥部",
  investment: "招商引资指挥部",
  yandian: "颜店新城建设指挥部",
};
const dir = makeTempDir("duban-bulletin");
let store: SqliteStore;
let sources: LedgerSources;

function report(
  taskNo: number,
  unit: string,
  cycle: string,
  at: string,
  fields: Partial<NewProgressReport> = {},
) {
  return store.progress.append({
    taskNo,
    unit,
    cycle,
    reportedBy: "wecom:demo.contact",
    reportedAt: at,
    status: "on-track",
    values: [],
    note: "",
    source: "card",
    ...fields,
  });
}

beforeAll(async () => {
  store = new SqliteStore({ path: join(dir.path, "duban.sqlite") });
  // 58 (工业技师学院 alone) was due on 15 March: past its deadline by the end of the month.
  await importSeed(store, (registry) => {
    const college = registry.tasks.find((t) => t.no === 58);
    if (college) college.deadline = "2021-03-15";
  });
  // 25: 1 of 1 large park and 3 of 5 pocket parks by 22 March: far ahead of 序时进度 (24%).
  await report(25, UNIT.enforcement, "2021-03", "2021-03-22T02:00:00Z", {
    values: [
      { indicator: 0, value: 1, unit: "处" },
      { indicator: 1, value: 3, unit: "处" },
    ],
  });
  // 52: 4200 of 6000 jobs (70%), its co-unit's input on time; but 各镇街 sent nothing: 欠进度.
  await report(52, UNIT.hr, "2021-03", "2021-03-22T02:00:00Z", {
    values: [{ indicator: 0, value: 4200, unit: "人" }],
  });
  await report(52, UNIT.veterans, "2021-03", "2021-03-19T02:00:00Z");
  // 18: host and co-unit on track, no numbers: 达进度.
  await report(18, UNIT.development, "2021-03", "2021-03-22T03:00:00Z");
  await report(18, UNIT.resources, "2021-03", "2021-03-19T03:00:00Z");
  // 61: closed, approved on 26 March: 已完成.
  await report(61, UNIT.justice, "2021-03", "2021-03-22T04:00:00Z");
  await store.requests.create({
    id: "r61",
    kind: "completion",
    taskNo: 61,
    unit: UNIT.justice,
    requestedBy: "wecom:demo.contact",
    requestedAt: "2021-03-24T01:00:00Z",
  });
  await store.requests.decide("r61", {
    decision: "approved",
    decidedBy: "wecom:demo.admin1",
    decidedAt: "2021-03-26T02:00:00.000Z",
  });
  // 优化金融环境指挥部: every month on time, three cycles in a row.
  for (const [cycle, at] of [
    ["2021-01", "2021-01-22T02:00:00Z"],
    ["2021-02", "2021-02-22T02:00:00Z"],
    ["2021-03", "2021-03-22T02:00:00Z"],
  ] as const)
    await report(47, UNIT.finance, cycle, at);
  // 招商引资指挥部: nothing in February (late at the end of February), March on time: 后进转先进.
  await report(11, UNIT.investment, "2021-01", "2021-01-22T02:00:00Z");
  await report(11, UNIT.investment, "2021-03", "2021-03-23T02:00:00Z");
  // 颜店新城建设指挥部: February's report on 1 March, late; March's on time.
  await report(15, UNIT.yandian, "2021-02", "2021-03-01T02:00:00Z");
  await report(15, UNIT.yandian, "2021-03", "2021-03-24T02:00:00Z");

  sources = seedLedgerSources(store);
});
afterAll(async () => {
  await store.close();
  dir.remove();
});

let march: Promise<BulletinExport> | undefined;
/** The March bulletin, made once (it reads the whole store twice: a second or two). */
function marchBulletin(): Promise<BulletinExport> {
  march ??= (async () => {
    const made = await exportBulletin(sources, {
      period: parsePeriod("2021-03") ?? expect.fail(),
      today: "2021-04-01",
      now: new Date("2021-04-01T01:30:00Z"),
    });
    return made ?? expect.fail("no registry");
  })();
  return march;
}

describe("the bulletin over the seed", () => {
  it("counts the tasks in the five classes as the lights of 31 March say", async () => {
    const { bulletin } = await marchBulletin();
    const overview =
      (await loadOverview({ ...sources, store: storeAsOf(store, "2021-03-31") }, "2021-03-31")) ??
      expect.fail();
    const tasks = new Map<number, typeof overview.standings>();
    for (const s of overview.standings) tasks.set(s.task.no, [...(tasks.get(s.task.no) ?? []), s]);
    // Read from the lights' own words, not from the bulletin's rule.
    let done = 0;
    let deadline = 0;
    let notGreen = 0;
    for (const standings of tasks.values()) {
      const hosts = standings.filter((s) => s.role === "host");
      if (hosts.every((s) => s.light.reasons.includes("已办结"))) done++;
      else if (hosts.some((s) => s.light.reasons.some((r) => r.startsWith("已超过完成时限")))) deadline++;
      else if (standings.some((s) => s.light.color !== "green")) notGreen++;
    }
    const count = Object.fromEntries(bulletin.classes.map((c) => [c.taskClass, c.count]));
    expect(bulletin.tasks).toHaveLength(66);
    expect(count.completed).toBe(done);
    expect(count.overdue).toBe(deadline);
    expect(count.behind).toBe(notGreen);
    expect((count.ahead ?? 0) + (count.onPace ?? 0)).toBe(66 - done - deadline - notGreen);
    expect(count).toEqual({ completed: 1, ahead: 1, onPace: 1, behind: 62, overdue: 1 });
    // 1.52% each and 93.94%: of the three points left, one goes to 欠进度 (.94), two to the
    // earliest of the tied .52s.
    expect(bulletin.classes.map((c) => c.percent)).toEqual([2, 2, 1, 94, 1]);
    const classOf = (no: number) => bulletin.tasks.find((t) => t.task.no === no)?.taskClass;
    expect([61, 25, 52, 18, 58, 47].map(classOf)).toEqual([
      "completed",
      "ahead",
      "behind",
      "onPace",
      "overdue",
      "behind",
    ]);
    // 红黄绿 over every unit's part.
    const lights = { green: 0, yellow: 0, red: 0 };
    for (const s of overview.standings) lights[s.light.color]++;
    expect(bulletin.lights).toEqual(lights);
    expect(lights.green + lights.yellow + lights.red).toBe(881);
  }, 60_000);

  it("ranks the units, names the streaks and 后进转先进, and lists what is late", async () => {
    const { bulletin } = await marchBulletin();
    expect(bulletin.date).toBe("2021-03-31");
    const rank = (unit: string) => bulletin.onTime.ranked.find((r) => r.unit === unit);
    // Only March's reports are due in March's bulletin: 颜店's late February one is not counted…
    expect(rank(UNIT.finance)).toMatchObject({ due: 1, onTime: 1, rate: 1 });
    expect(rank(UNIT.yandian)).toMatchObject({ due: 1, onTime: 1, rate: 1 });
    expect(rank(UNIT.hr)).toMatchObject({ onTime: 1, rate: 1 / (rank(UNIT.hr)?.due ?? 0) });
    // Ties broken by more reports due, then the name: the same order every time.
    const top = bulletin.onTime.ranked.filter((r) => r.rate === 1);
    expect(top.map((r) => r.unit)).toEqual(
      [...top].sort((a, b) => b.due - a.due || (a.unit < b.unit ? -1 : 1)).map((r) => r.unit),
    );
    expect(bulletin.onTime.none).toEqual([]);
    // 25: the least advanced park, 3 of 5 (60%), against 序时进度 on 31 March (24%).
    expect(bulletin.pace.ranked.map((r) => [r.unit, r.parts, r.share, r.points])).toEqual([
      [UNIT.hr, 1, 70, 46],
      [UNIT.enforcement, 1, 60, 36],
    ]);
    // …but it breaks its streak; 优化金融环境指挥部 was on time every month.
    expect(bulletin.streaks).toEqual([{ unit: UNIT.finance, cycles: 3 }]);
    // Late at the end of February, all green now.
    expect(bulletin.turnedGreen).toEqual([UNIT.investment, UNIT.yandian].sort());
    const college = bulletin.overdue.filter((item) => item.unit === UNIT.college && item.task.no === 58);
    // Its last report due was February's (the deadline ends the reporting), 24 working days ago.
    expect(college).toMatchObject([
      { kind: "report", cycle: "2021-02", due: "2021-02-25", days: 24 },
      { kind: "deadline", deadline: "2021-03-15", days: 12 },
    ]);
    expect(bulletin.overdue[0]).toBe(college[0]);
    expect(bulletin.overdue.every((item, i, all) => i === 0 || (all[i - 1]?.days ?? 0) >= item.days)).toBe(
      true,
    );
  }, 60_000);

  it("writes the .docx draft with the same figures: title, 文号, the five classes, rankings, overdue", async () => {
    const { bytes, bulletin } = await marchBulletin();
    const docx = readDocx(bytes);
    const texts = docx.paragraphs.map((p) => p.text);
    expect(docx.paragraphs.slice(0, 4)).toEqual([
      { style: "title", text: "关于2021年3月重点工作任务推进情况的通报" },
      { style: "docNo", text: "督考办〔2021〕X号" },
      { style: "salutation", text: "各镇街、区直有关部门：" },
      { style: "body", text: expect.stringContaining("现将截至2021年3月31日有关情况通报如下。") },
    ]);
    expect(docx.paragraphs.filter((p) => p.style === "heading1").map((p) => p.text)).toEqual([
      "一、总体情况",
      "二、单位排名情况",
      "三、逾期事项",
      "四、先进典型",
      "五、下步工作要求",
    ]);
    expect(docx.paragraphs.filter((p) => p.style === "heading2").map((p) => p.text)).toEqual([
      "（一）按时报送情况",
      "（二）推进进度情况",
      "（一）连续按时报送",
      "（二）后进转先进",
    ]);
    expect(texts).toContain(
      "纳入调度的重点任务共66项，其中已完成1项，占2%；超进度1项，占2%；达进度1项，占1%；欠进度62项，占94%；逾期1项，占1%。",
    );
    const [classes, onTime, pace, overdue] = docx.tables;
    expect(classes).toEqual([
      ["类别", "任务数（项）", "占比"],
      ["已完成", "1", "2%"],
      ["超进度", "1", "2%"],
      ["达进度", "1", "1%"],
      ["欠进度", "62", "94%"],
      ["逾期", "1", "1%"],
      ["合计", "66", "100%"],
    ]);
    expect(onTime?.[0]).toEqual(["排名", "单位", "应报（次）", "按时（次）", "按时报送率"]);
    expect(onTime?.slice(1).map((row) => row[1])).toEqual(bulletin.onTime.ranked.map((r) => r.unit));
    expect(onTime?.find((row) => row[1] === UNIT.finance)?.slice(2)).toEqual(["1", "1", "100%"]);
    expect(pace?.slice(1)).toEqual([
      ["1", UNIT.hr, "1", "70%", "24%", "46"],
      ["2", UNIT.enforcement, "1", "60%", "24%", "36"],
    ]);
    // At most 50 rows (settings.bulletin.overdueRows), the longest late first; the rest referred to the ledger.
    expect(overdue).toHaveLength(51);
    expect(overdue?.[1]).toEqual([
      "1",
      expect.stringMatching(/^58\. 完善工业技师学院职业教育管理机制/),
      UNIT.college,
      "2021年2月进度未报送（应于2月25日前报送）",
      "24",
    ]);
    // Units without a number are counted, not named: nearly all of them in March.
    expect(bulletin.pace.none.length).toBeGreaterThan(10);
    expect(texts).toContain(`其余${bulletin.pace.none.length}个单位暂无量化进度数据，未参与排名。`);
    expect(message("bulletin", "paceNone", { units: "区财政局、区审计局", count: 2 })).toBe(
      "区财政局、区审计局暂无量化进度数据，未参与排名。",
    );
    expect(texts).toContain(
      `表中列出逾期时间最长的事项，其余${bulletin.overdue.length - 50}项详见任务落实台账。`,
    );
    expect(texts).toContain(`${UNIT.finance}（3期）连续3期以上按时报送进度，予以通报表扬。`);
    expect(texts).toContain(
      `${[UNIT.investment, UNIT.yandian].sort().join("、")}在2021年2月末存在红灯或报送逾期事项，截至2021年3月31日已全部转为绿灯，予以肯定。`,
    );
    expect(docx.paragraphs.slice(-2)).toEqual([
      { style: "signature", text: "XX区委督查考核办公室" },
      { style: "signature", text: "2021年4月1日" },
    ]);
    // Every table repeats its header row on each page.
    expect(docx.body.filter((b) => b.kind === "table").every((t) => t.headerRows === 1)).toBe(true);
  }, 60_000);

  it("sends the summary once per period to the admins and the configured group chat, with the lights chart to those who see images", async () => {
    const directory = { ...demoDirectory, chats: [{ name: "领导群", accounts: { wecom: "robot:领导群" } }] };
    const people = indexPeople(directory, ["wecom", "dingtalk"]);
    const settings = settingsSchema.parse({ bulletin: { every: "monthly", chats: ["领导群", "无此群"] } });
    const job = createBulletinJob({
      ...sources,
      store,
      directory,
      people,
      settings,
      channelFor: () => "wecom",
      // Here the group chat's channel shows no images: it gets the summary only.
      canSendMedia: (recipient) => !recipient.personId.startsWith("chat:"),
      logger: silentLogger,
    });
    expect(job.cron).toBe("30 9 * * *");
    // Thursday 1 April 2021, 09:30 in Beijing: the first working day after March.
    const first = await job.run(new Date("2021-04-01T01:30:00Z"));
    expect(first).toEqual({
      due: true,
      period: "2021-03",
      enqueued: people.admins().length + 1,
      charts: people.admins().length,
    });
    expect(await job.run(new Date("2021-04-02T01:30:00Z"))).toEqual({
      due: true,
      period: "2021-03",
      enqueued: 0,
      charts: 0,
    });
    expect(await job.run(new Date("2021-04-07T01:30:00Z"))).toEqual({ due: false });
    const sent = (await store.outbox.list())
      .map((m) => ({ recipient: m.recipient, payload: outboxPayloadSchema.parse(m.payload) }))
      .filter((m) => m.payload.meta?.kind === "bulletin-summary");
    const text = (recipient: string) => {
      const message = sent.find((m) => m.recipient === recipient && m.payload.message.kind === "text")
        ?.payload.message;
      return message?.kind === "text" ? message.text : expect.fail(`nothing to ${recipient}`);
    };
    const images = sent.flatMap((m) =>
      m.payload.message.kind === "image" ? [{ ...m, image: m.payload.message }] : [],
    );
    expect(images.map((m) => m.recipient).sort()).toEqual(
      people
        .admins()
        .map((a) => a.personId)
        .sort(),
    );
    for (const { image } of images) {
      expect(image.fileName).toBe("通报-2021-03-各部分亮灯.png");
      const png = readPng(Buffer.from(image.base64, "base64"));
      expect(png.width).toBe(1280);
    }
    const toChat = text("chat:领导群");
    expect(toChat).toMatch(
      /^【2021年3月重点任务推进情况】截至2021年3月31日，纳入调度任务66项：已完成1项（2%），超进度1项（2%），达进度1项（1%），欠进度62项（94%），逾期1项（1%）。\n按时报送前三：.+（100%）、.+（100%）、.+（100%）；后三：.+。\n逾期事项\d+项（进度报送逾期\d+项，超过完成时限未办结1项）。$/,
    );
    expect(toChat.length).toBeLessThan(400);
    const admin = people.admins()[0] ?? expect.fail();
    expect(text(admin.personId)).toBe(
      `${toChat}\n通报文稿可运行 duban bulletin --period 2021-03 --out 通报.docx 生成，修改后印发。`,
    );
    expect(sent).toHaveLength(2 * people.admins().length + 1);
  }, 60_000);

  it("says 截至 today while the period runs, and ranks nobody before a report is due", async () => {
    // 21 January, the day the notice was issued: the co-units' first input is due that day.
    const made = await exportBulletin(sources, {
      period: parsePeriod("2021-01") ?? expect.fail(),
      today: "2021-01-21",
      now: new Date("2021-01-21T02:00:00Z"),
    });
    const { bulletin, bytes } = made ?? expect.fail();
    expect(bulletin).toMatchObject({
      date: "2021-01-21",
      over: false,
      overdue: [],
      streaks: [],
      turnedGreen: [],
    });
    expect(bulletin.onTime.ranked).toEqual([]);
    const texts = readDocx(bytes).paragraphs.map((p) => p.text);
    expect(texts).toContain(
      "为推动2021年政府工作报告确定的各项重点任务落地见效，区委督查考核办公室对2021年1月任务推进情况进行了调度。本期尚未结束，现将截至2021年1月21日有关情况通报如下。",
    );
    expect(texts).toContain("本期各单位均无应报送进度事项，暂不排名。");
    expect(texts).toContain("截至2021年1月21日，无逾期事项。");
    expect(texts).toContain("本期无连续3期以上按时报送进度的单位。");
    expect(texts).toContain("本期无后进转先进的单位。");
  }, 60_000);
});
