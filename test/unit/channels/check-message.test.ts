import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCardUpdate, checkMessage, MESSAGE_LIMITS } from "../../../src/channels/check-message.js";
import type { Card } from "../../../src/channels/message.js";
import { encodeTaskId } from "../../../src/channels/wecom/wecom-task-id.js";

const button = (key: string) => ({ key, text: "签收", style: "default" as const });
const card = (overrides: Partial<Card> = {}): Card => ({
  title: "第52项",
  fields: [],
  buttons: [button("ack")],
  ...overrides,
});
const asMessage = (c: Card) => ({ kind: "card" as const, card: c });

describe("checkMessage: what every platform can show", () => {
  it("accepts a card with a button, or with a link only", () => {
    expect(checkMessage(asMessage(card()), "c1")).toBeUndefined();
    expect(
      checkMessage(asMessage(card({ buttons: [], url: "https://duban.example/52" })), "c1"),
    ).toBeUndefined();
  });

  it("refuses a card with neither a button nor a link, which WeCom and DingTalk cannot show", () => {
    expect(checkMessage(asMessage(card({ buttons: [] })), "c1")).toBe("cardNoAction");
  });

  it("refuses more than six buttons, repeated keys and keys over 1024 bytes", () => {
    const seven = Array.from({ length: 7 }, (_, i) => button(`k${i}`));
    expect(checkMessage(asMessage(card({ buttons: seven })), "c1")).toBe("cardTooManyButtons");
    expect(checkMessage(asMessage(card({ buttons: [button("a"), button("a")] })), "c1")).toBe(
      "cardDuplicateKey",
    );
    expect(checkMessage(asMessage(card({ buttons: [button("键".repeat(342))] })), "c1")).toBe(
      "cardKeyTooLong",
    );
  });

  it("refuses a card without an id, and blank text or markdown", () => {
    expect(checkMessage(asMessage(card()), undefined)).toBe("cardIdMissing");
    expect(checkMessage({ kind: "text", text: " \n\t" }, undefined)).toBe("messageEmpty");
    expect(checkMessage({ kind: "markdown", title: "周报", markdown: "  " }, undefined)).toBe("messageEmpty");
  });

  it("takes a card id exactly when it fits WeCom's task_id once escaped", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80, unit: "binary" }), (cardId) => {
        const fits = checkMessage(asMessage(card()), cardId) === undefined;
        expect(fits).toBe(encodeTaskId(cardId) !== undefined);
      }),
    );
  });
});

describe("checkCardUpdate", () => {
  it("closes with a label of one to ten characters, as a button's text", () => {
    expect(checkCardUpdate("c1", { kind: "close", label: "已反馈：正常推进" })).toBeUndefined();
    expect(checkCardUpdate("c1", { kind: "close", label: " " })).toBe("labelEmpty");
    expect(checkCardUpdate("c1", { kind: "close", label: "一".repeat(MESSAGE_LIMITS.labelChars + 1) })).toBe(
      "labelTooLong",
    );
  });

  it("replaces only with a card every platform can show", () => {
    expect(checkCardUpdate("c1", { kind: "replace", card: card({ buttons: [] }) })).toBe("cardNoAction");
    expect(checkCardUpdate("c1", { kind: "replace", card: card() })).toBeUndefined();
  });
});
