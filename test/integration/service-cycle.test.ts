import { describe, expect, it } from "vitest";
import { seededDataDir, startServiceProcess, waitFor } from "../helpers/service-process.js";

/** What /dev/outbox lists: one entry per message the local channel delivered. */
interface Delivered {
  to: string;
  idempotencyKey: string;
  cardId?: string;
  at: string;
  message: { kind: string; text?: string; card?: { title: string } };
}

const RENSHE = "wecom:demo.u06.contact"; // 徐勇, contact of 区人力资源和社会保障局, host of task 52
const CAIZHENG = "wecom:demo.u17.contact"; // 袁军, contact of 区财政局, host of task 12: never answers
const ADMIN = "wecom:demo.admin1";

// Issue 9, "Done when": the product as the README runs it — the built CLI in its own process, the
// seed imported with `duban import`, the demo clock — driven over HTTP only.
describe("duban serve on the demo clock: a reporting cycle of the seed, from the outside", () => {
  it("reminds, takes 签收 and a numeric reply, stops the ladder for that unit, and escalates the silent one", async () => {
    const data = { path: seededDataDir("duban-cycle") };

    // 08:20 on Monday 22 March 2021; two hours a second, nights and days off skipped.
    const service = await startServiceProcess({
      DUBAN_DATA_DIR: data.path,
      DUBAN_CLOCK: "2021-03-22T08:20+08:00",
      DUBAN_CLOCK_SPEED: "7200",
      DUBAN_CLOCK_SKIP_IDLE: "1",
    });
    const outbox = async (to?: string) =>
      (
        await service.get<{ messages: Delivered[] }>(
          `/dev/outbox${to ? `?to=${encodeURIComponent(to)}` : ""}`,
        )
      ).body.messages;

    // T−3: the first reminder, a card with buttons, reaches the host unit's contact.
    const card = await waitFor("task 52's first reminder", async () =>
      (await outbox(RENSHE)).find((m) =>
        m.idempotencyKey.startsWith("52/区人力资源和社会保障局/2021-03/first/"),
      ),
    );
    expect(card.message.kind).toBe("card");
    expect(card.message.card?.title).toContain("第52项");
    expect(card.cardId).toBeDefined();

    // 签收 by a click, then a report with a number, as plain chat.
    const clicked = await service.post("/dev/inbound", {
      kind: "card-action",
      from: RENSHE,
      cardId: card.cardId,
      actionKey: "ack",
    });
    expect(clicked.status).toBe(202);
    const ackAnswer = await waitFor("the answer to 签收", async () =>
      (await outbox(RENSHE)).find((m) => m.message.kind === "text" && /签收/.test(m.message.text ?? "")),
    );
    expect(ackAnswer.message.text).toContain("52");
    const replied = await service.post("/dev/inbound", {
      kind: "text",
      from: RENSHE,
      text: "52 已新增就业4200人",
    });
    expect(replied.status).toBe(202);
    const confirmation = await waitFor("the confirmation of the report", async () =>
      (await outbox(RENSHE)).find(
        (m) => m.message.kind === "text" && /已记录第52项/.test(m.message.text ?? ""),
      ),
    );
    expect(confirmation.message.text).toContain("4200");

    // The silent unit goes through due (T0), overdue (T+1, with its head) and escalation (T+3).
    const escalation = await waitFor(
      "the escalation of task 12 to the office (T+3, 30 March)",
      async () => (await outbox(ADMIN)).find((m) => m.idempotencyKey.startsWith("escalation/2021-03-30/")),
      { timeoutMs: 150_000, everyMs: 250 },
    );
    expect(JSON.stringify(escalation.message)).toContain("区财政局");
    const all = await outbox();
    const keys = all.map((m) => m.idempotencyKey);
    expect(keys.some((k) => k.startsWith("12/区财政局/2021-03/due/"))).toBe(true);
    expect(keys.some((k) => k.startsWith("12/区财政局/2021-03/overdue/"))).toBe(true);
    expect(all.some((m) => m.to === CAIZHENG && m.idempotencyKey.includes("/overdue/"))).toBe(true);
    expect(all.some((m) => m.to === "wecom:demo.u17.head" && m.idempotencyKey.includes("overdue"))).toBe(
      true,
    );
    // The unit that reported hears nothing more about task 52 this cycle.
    expect(keys.filter((k) => /^52\/区人力资源和社会保障局\/2021-03\/(due|overdue)\//.test(k))).toEqual([]);
    // Nothing went out at night or on a day off (Shanghai time), and nothing twice.
    for (const m of all.filter((m) => m.idempotencyKey.includes("/2021-03/"))) {
      const local = new Date(Date.parse(m.at) + 8 * 3_600_000);
      expect([0, 6]).not.toContain(local.getUTCDay());
      expect(local.getUTCHours()).toBeGreaterThanOrEqual(8);
      expect(local.getUTCHours()).toBeLessThan(18);
    }
    expect(new Set(keys).size).toBe(keys.length);

    // The same record, readable: one line per message, Beijing time first.
    const readable = await service.get<string>(`/dev/outbox?format=text&to=${encodeURIComponent(RENSHE)}`);
    expect(readable.body).toMatch(/^2021-03-22 \d\d:\d\d → 徐勇: \[card\] 督办提醒｜第52项/m);

    expect(await service.stop("SIGTERM")).toEqual({ code: 0, signal: null });
  }, 240_000);
});
