import { describe, expect, it } from "vitest";
import { PEOPLE, useProgressApps } from "../helpers/progress-app.js";

describe("the clicked card", () => {
  const apps = useProgressApps();

  it("is closed with what was chosen in place of its buttons, when the platform sent an update code", async () => {
    const app = await apps.remindedMonday();
    const cardId = await app.cardId(PEOPLE.hrContact, "第52项");
    await app.click(PEOPLE.hrContact, cardId, "ack", "click-1", "code-1");
    const updates = (await app.outbox(PEOPLE.hrContact)).filter((m) => m.update);
    expect(updates).toHaveLength(1);
    const [update] = updates;
    expect(update?.cardId).toBe(cardId);
    expect(update?.closedWith).toBe("已签收");
    if (update?.message.kind !== "card") throw new Error("the update is not a card");
    expect(update.message.card.title).toContain("第52项");
    expect(update.message.card.buttons).toEqual([]);
  });

  it("is left alone without an update code", async () => {
    const app = await apps.remindedMonday();
    await app.click(PEOPLE.hrContact, await app.cardId(PEOPLE.hrContact, "第52项"), "ack");
    expect((await app.outbox(PEOPLE.hrContact)).filter((m) => m.update)).toEqual([]);
  });
});
