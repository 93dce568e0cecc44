import { describe, expect, it } from "vitest";
import { PEOPLE, useProgressApps } from "../helpers/progress-app.js";

describe("the clicked card", () => {
  const apps = useProgressApps();

  it("is replaced by one that says what was chosen, when the platform sent an update code", async () => {
    const app = await apps.remindedMonday();
    const cardId = await app.cardId(PEOPLE.hrContact, "第52项");
    await app.click(PEOPLE.hrContact, cardId, "ack", "click-1", "code-1");
    const updates = (await app.outbox(PEOPLE.hrContact)).filter((m) => m.update);
    expect(updates).toHaveLength(1);
    const [update] = updates;
    expect(update?.cardId).toBe(cardId);
    if (update?.message.kind !== "card") throw new Error("the update is not a card");
    expect(update.message.card.title).toBe("第52项｜区人力资源和社会保障局");
    expect(update.message.card.description).toMatch(/已于3月22日 12:00选择「签收」/);
    expect(update.message.card.buttons).toEqual([]);
  });

  it("is left alone without an update code", async () => {
    const app = await apps.remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "ack");
    expect((await app.outbox(PEOPLE.hrContact)).filter((m) => m.update)).toEqual([]);
  });
});
