import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createChineseDaysCalendar } from "../../src/calendar/chinese-days-calendar.js";
import { COMMON_LIMITS } from "../../src/channels/channel-limits.js";
import { CHANNEL_PLUGINS } from "../../src/channels/plugins.js";
import { byteLength } from "../../src/channels/split-text.js";
import { DEFAULT_SETTINGS } from "../../src/config/settings.js";
import { outboxPayloadSchema } from "../../src/delivery/outbox-payload.js";
import { indexPeople } from "../../src/directory/people.js";
import { createDigestJob } from "../../src/reports/digest/digest-job.js";
import { silentLogger } from "../../src/shared/logger.js";
import { SqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import { recordDigestScenario } from "../helpers/digest-scenario.js";
import { readPng } from "../helpers/read-png.js";
import { demoDirectory } from "../helpers/seed-world.js";
import { runBuiltCli, seededDataDir } from "../helpers/service-process.js";
import { makeTempDir } from "../helpers/temp-dir.js";

/** Issue 14, item 1: `duban digest` as an operator runs it, built, on a data dir seeded by `duban import`. */
describe("duban digest", () => {
  it("prints exactly the parts the scheduled job sends 寇宁 for 2021-W14", async () => {
    const data = seededDataDir("duban-cli-digest");
    const file = join(data, "duban.sqlite");
    let store = new SqliteStore({ path: file });
    await recordDigestScenario(store);
    await store.close();

    const done = runBuiltCli(["digest", "--leader", "寇宁", "--week", "2021-W14"], { DUBAN_DATA_DIR: data });
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^—— 第1条，共1条（\d+字节）——\n寇宁同志：督办周报（2021年第14周）\n/);
    expect(done.stdout).toContain(
      "· 4月2日（周五）第47项 优化金融环境指挥部：延期至2022年6月30日（周四）获批",
    );

    // The job, run at the same instant on the same store, sends these parts and no others.
    store = new SqliteStore({ path: file });
    const job = createDigestJob({
      store,
      directory: demoDirectory,
      people: indexPeople(
        demoDirectory,
        CHANNEL_PLUGINS.map((p) => p.name),
      ),
      calendar: createChineseDaysCalendar(),
      settings: DEFAULT_SETTINGS,
      limits: COMMON_LIMITS,
      channelFor: () => "local",
      canSendMedia: () => false,
      charts: false,
      logger: silentLogger,
    });
    await job.run(new Date("2021-04-06T01:10:00.000Z"));
    const sent = (await store.outbox.list())
      .filter((m) => m.recipient === "wecom:demo.leader01")
      .map((m) => outboxPayloadSchema.parse(m.payload).message)
      .map((message) => (message.kind === "text" ? message.text : ""));
    await store.close();
    expect(sent).toHaveLength(1);
    const printed = sent
      .map((text, i) => `—— 第${i + 1}条，共${sent.length}条（${byteLength(text)}字节）——\n${text}`)
      .join("\n\n");
    expect(done.stdout).toBe(`${printed}\n`);

    // --at: as if asked on Wednesday afternoon; --out: the pace chart the job sends with it.
    const out = join(data, "周报.png");
    const later = runBuiltCli(
      ["digest", "--leader", "寇宁", "--week", "2021-W14", "--at", "2021-04-07T15:00", "--out", out],
      { DUBAN_DATA_DIR: data },
    );
    expect(later.code).toBe(0);
    expect(later.stdout).toContain("截至4月7日（周三）15:00");
    expect(later.stdout).toContain(
      "【变化（4月6日（周二）09:10以来）】\n· 4月6日（周二）第1项 大安镇：晚于周报的报送",
    );
    expect(later.stderr).toMatch(
      /^duban: 已生成图片 .+（\d+ KB），即周报随文字发送的完成率与序时进度对比图。\n$/,
    );
    expect(readPng(readFileSync(out)).width).toBe(1280);
  });

  it("refuses an unknown leader with the close names, a bad week and a store without a registry", () => {
    const data = seededDataDir("duban-cli-digest-refusals");
    const env = { DUBAN_DATA_DIR: data };
    const unknown = runBuiltCli(["digest", "--leader", "寇凝", "--week", "2021-W14"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("duban: 名录和任务台账中都没有牵头领导“寇凝”。是否要找：寇宁？\n");
    const week = runBuiltCli(["digest", "--leader", "寇宁", "--week", "2021-14"], env);
    expect(week.code).toBe(1);
    expect(week.stderr).toBe("duban: --week 应为 ISO 周，如 2021-W14，而不是“2021-14”。\n");
    const at = runBuiltCli(["digest", "--leader", "寇宁", "--at", "下周一"], env);
    expect(at.code).toBe(1);
    expect(at.stderr).toContain("--at 应为带时刻的时间");
    const empty = makeTempDir("duban-cli-digest-empty");
    try {
      const none = runBuiltCli(["digest", "--leader", "寇宁", "--week", "2021-W14"], {
        DUBAN_DATA_DIR: empty.path,
      });
      expect(none.code).toBe(1);
      expect(none.stderr).toBe("duban: 尚未导入任务台账，无法生成周报。请先运行 duban import <通知文件>。\n");
    } finally {
      empty.remove();
    }
  });
});
