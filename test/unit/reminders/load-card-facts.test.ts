import { afterAll, describe, expect, it } from "vitest";
import { loadCardFacts } from "../../../src/reminders/load-card-facts.js";
import { planRemindersFor } from "../../../src/reminders/plan-reminders.js";
import { renderReminder } from "../../../src/reminders/render-reminder.js";
import { openStore } from "../../../src/store/open-store.js";
import { importSeed, seedWorldLoader } from "../../helpers/seed-world.js";
import { makeTempDir } from "../../helpers/temp-dir.js";

const HR = "区人力资源和社会保障局";
const dir = makeTempDir("duban-card-facts");
afterAll(() => dir.remove());

describe("the unit's record on its reminder card", () => {
  it("shows the last report in one line and each indicator's last actual, whichever report carried it", async () => {
    const store = await openStore({ dataDir: dir.path, redisKeyPrefix: "x:" });
    await importSeed(store);
    const base = {
      taskNo: 52,
      unit: HR,
      reportedBy: "wecom:demo.u06.contact",
      note: "",
      source: "text",
    } as const;
    await store.progress.append({
      ...base,
      cycle: "2021-02",
      reportedAt: "2021-02-24T02:00:00.000Z",
      status: "reported",
      values: [
        { indicator: 0, value: 1500, unit: "人" },
        { indicator: 1, value: 3.1, unit: "%" },
      ],
    });
    await store.progress.append({
      ...base,
      cycle: "2021-03",
      reportedAt: "2021-03-19T02:00:00.000Z",
      status: "reported",
      values: [{ indicator: 0, value: 0.36, unit: "万人" }],
    });
    const world = await seedWorldLoader(store)();
    if (!world) throw new Error("no world");
    const task = world.tasks.get(52);
    if (!task) throw new Error("no task 52");
    const assignments = world.assignments.filter((a) => a.taskNo === 52);
    const facts = await loadCardFacts(store, task, HR, assignments);
    expect(facts).toEqual({
      lastReport: "3月19日：城镇新增就业0.36万人",
      actuals: new Map([
        [0, "0.36万人"],
        [1, "3.1%"],
      ]),
    });

    // 25 April 2021 is a make-up working Sunday (May Day 调休): due that day, T-3 is Wednesday the 21st.
    const reminder = planRemindersFor(world, "2021-04-21").find((r) => r.taskNo === 52 && r.unit === HR);
    if (!reminder) throw new Error("no reminder for 52");
    const message = renderReminder(
      reminder,
      {
        tasks: world.tasks,
        calendar: world.calendar,
        people: world.people,
        hostUnitsOf: () => [HR],
        coInputDue: -2,
        acknowledged: () => true,
        limits: world.limits,
      },
      facts,
    );
    if (message.kind !== "card") throw new Error("expected a card");
    expect(message.card.fields).toEqual([
      { label: "责任单位", value: `${HR}（主办）` },
      { label: "报送截止", value: "2021年4月25日（周日）" },
      { label: "完成时限", value: "2021年12月31日" },
      { label: "目标", value: "年内城镇新增就业6000人（已报0.36万人）" },
      { label: "目标", value: "城镇登记失业率控制在3%以内（已报3.1%）" },
      { label: "上次报送", value: "3月19日：城镇新增就业0.36万人" },
    ]);
    await store.close();
  });
});
