import { describe, expect, it } from "vitest";
import { recordDigestScenario } from "../helpers/digest-scenario.js";
import { PEOPLE, useProgressApps } from "../helpers/progress-app.js";

/** Issue 14, item 1: /digest (周报) and the scheduled digest through the real service, on the local channel. */
const { start } = useProgressApps();
/** 寇宁, lead leader of tasks 1, 38 and 47. */
const KOU = "wecom:demo.leader01";
/** Wednesday 7 April 2021, 14:00 in Shanghai: the week's digest went out on Tuesday at 09:10. */
const WEDNESDAY = "2021-04-07T06:00:00Z";

async function scenarioApp() {
  const app = await start(WEDNESDAY);
  await recordDigestScenario(app.store);
  return app;
}

describe("/digest", () => {
  it("gives a leader his own digest as it stands now, in parts within the channel's size", async () => {
    const app = await scenarioApp();
    await app.say(KOU, "/digest");
    const texts = await app.texts(KOU);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts[0]?.split("\n").slice(0, 2)).toEqual([
      "寇宁同志：督办周报（2021年第14周）",
      "截至4月7日（周三）14:00，您牵头3项任务：红灯2项，已办结1项。",
    ]);
    for (const text of texts) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    // Then the pace chart (task 1's 30% against 序时进度): the local channel shows images.
    const sent = await app.outbox(KOU);
    expect(sent.map((m) => m.message.kind)).toEqual([...texts.map(() => "text"), "image"]);
    expect(sent.at(-1)?.message).toMatchObject({ kind: "image", fileName: "督办周报-寇宁-2021-W14.png" });
    const all = texts.join("\n");
    expect(all).toContain(
      "【变化（4月6日（周二）09:10以来）】\n· 4月6日（周二）第1项 大安镇：晚于周报的报送",
    );
    expect(all).not.toMatch(/第(?!1项|38项|47项)\d+项/);
    // Not another leader's.
    await app.say(KOU, "/digest 孙恒民");
    expect(await app.lastText(KOU)).toBe("牵头领导只能查看本人牵头任务的督办周报。");
  });

  it("lets an admin name the leader (周报 寇宁), with close names for a typo, and refuses a contact", async () => {
    const app = await scenarioApp();
    await app.say(PEOPLE.admin1, "周报 寇宁");
    expect((await app.texts(PEOPLE.admin1))[0]).toMatch(/^寇宁同志：督办周报（2021年第14周）\n/);
    await app.say(PEOPLE.admin1, "/digest 寇凝");
    expect(await app.lastText(PEOPLE.admin1)).toBe("名录和任务清单中没有牵头领导“寇凝”。是否要查看：寇宁？");
    await app.say(PEOPLE.admin1, "/digest");
    expect(await app.lastText(PEOPLE.admin1)).toBe("请写明要查看哪位领导的周报，如“/digest 寇宁”。");
    await app.say(PEOPLE.hrContact, "/digest");
    expect(await app.lastText(PEOPLE.hrContact)).toBe("您好，该命令仅限督考办管理员、牵头领导使用。");
  });

  it("is scheduled by the service: the Tuesday run reaches 寇宁 through the outbox, Monday's (清明) does nothing", async () => {
    const app = await scenarioApp();
    const job = app.app.services.jobs.find((j) => j.name === "leader-digest");
    expect(job?.cron).toBe("10 9 * * *");
    expect(await job?.run(new Date("2021-04-05T01:10:00Z"))).toEqual({
      skipped: "not-digest-day",
      week: "2021-W14",
    });
    const report = await job?.run(new Date("2021-04-06T01:10:00Z"));
    expect(report).toMatchObject({ week: "2021-W14" });
    await app.app.services.dispatcher.dispatchDue();
    const sent = await app.outbox(KOU);
    expect(sent.length).toBeGreaterThan(1);
    // The text parts, then the pace chart.
    expect(sent.map((m) => m.idempotencyKey)).toEqual([
      ...sent.slice(0, -1).map((_, i) => `digest/2021-W14/寇宁/${KOU}/${i + 1}`),
      `digest/2021-W14/寇宁/${KOU}/chart`,
    ]);
    const first = sent[0]?.message;
    expect(first?.kind === "text" && first.text).toMatch(
      /^寇宁同志：督办周报（2021年第14周）\n截至4月6日（周二）09:10，/,
    );
  });
});
