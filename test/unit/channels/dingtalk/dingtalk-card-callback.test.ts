import { describe, expect, it } from "vitest";
import { readCardCallback } from "../../../../src/channels/dingtalk/dingtalk-card-callback.js";
import { readFixture } from "./dingtalk-test-kit.js";

const NOW = new Date("2026-03-02T01:02:03.000Z");
const CARD_ID = "duban-0123456789abcdef0123456789abcdef01234567";
const OUT_TRACK_ID = `${CARD_ID}_u7f3a9c`;
const SAMPLE = readFixture("card-callback.json");
const callback = (
  changes: Record<string, unknown> = {},
  params: Record<string, unknown> = { action: "done" },
) =>
  JSON.stringify({
    type: "actionCallback",
    outTrackId: OUT_TRACK_ID,
    userId: "04574258341072934",
    corpId: "ding9f50b15bccd16741",
    content: JSON.stringify({ cardPrivateData: { actionIds: ["button_1"], params } }),
    ...changes,
  });
const eventIdOf = (data: string) => {
  const reading = readCardCallback(data, NOW);
  if (reading.kind !== "action") throw new Error(`expected an action, got ${JSON.stringify(reading)}`);
  return reading.event.eventId;
};

describe("readCardCallback", () => {
  it("reads a click: content parsed twice, cardId and userTag from the outTrackId's last '_'", () => {
    const reading = readCardCallback(SAMPLE, NOW);
    expect(reading).toEqual({
      kind: "action",
      event: {
        kind: "card-action",
        eventId: expect.stringMatching(
          new RegExp(`^dingtalk:card:${OUT_TRACK_ID}:04574258341072934:[0-9a-f]{16}$`),
        ),
        channel: "dingtalk",
        from: "04574258341072934",
        cardId: CARD_ID,
        actionKey: "done",
        at: "2026-03-02T01:02:03.000Z",
        updateToken: OUT_TRACK_ID,
      },
      cardId: CARD_ID,
      userTag: "u7f3a9c",
    });
    expect(readCardCallback(Buffer.from(SAMPLE), NOW)).toEqual(reading);
  });

  it("splits at the last '_' when the card id itself holds one", () => {
    const reading = readCardCallback(callback({ outTrackId: "T12_U4_r1_tag9" }), NOW);
    expect(reading).toMatchObject({ kind: "action", cardId: "T12_U4_r1", userTag: "tag9" });
  });

  it("dedupes on outTrackId + clicker + params: the same click twice is one event", () => {
    expect(eventIdOf(callback())).toBe(eventIdOf(callback({ corpId: "other", spaceId: "x" })));
    // Key order inside params does not matter.
    expect(eventIdOf(callback({}, { action: "done", round: "2" }))).toBe(
      eventIdOf(callback({}, { round: "2", action: "done" })),
    );
  });

  it("gives another event to another button, another person or another card", () => {
    const ids = new Set([
      eventIdOf(callback()),
      eventIdOf(callback({}, { action: "blocked" })),
      eventIdOf(callback({}, { action: "done", round: "2" })),
      eventIdOf(callback({ userId: "someone-else" })),
      eventIdOf(callback({ outTrackId: `${CARD_ID}_other` })),
    ]);
    expect(ids.size).toBe(5);
  });

  it("reads content given as an object, and falls back to value when content is absent", () => {
    const inner = { cardPrivateData: { params: { action: "done" } } };
    expect(readCardCallback(callback({ content: inner }), NOW)).toMatchObject({ kind: "action" });
    expect(
      readCardCallback(callback({ content: undefined, value: JSON.stringify(inner) }), NOW),
    ).toMatchObject({ kind: "action", event: { actionKey: "done" } });
  });

  it.each([
    ["not JSON", "{", "malformed"],
    ["no outTrackId", callback({ outTrackId: undefined }), "malformed"],
    ["no userId", callback({ userId: undefined }), "malformed"],
    ["an empty userId", callback({ userId: "" }), "malformed"],
    ["content that is not JSON", callback({ content: "{cardPrivateData" }), "malformed"],
    ["content without cardPrivateData", callback({ content: "{}" }), "malformed"],
    [
      "params that are not an object",
      callback({ content: '{"cardPrivateData":{"params":"done"}}' }),
      "malformed",
    ],
    [
      "an outTrackId without '_' (the SDK's sample)",
      callback({ outTrackId: "53d6dda444c74f5f17bf" }),
      "unknown-card",
    ],
    ["an outTrackId ending in '_'", callback({ outTrackId: `${CARD_ID}_` }), "unknown-card"],
    ["an outTrackId starting with '_'", callback({ outTrackId: "_u7f3a9c" }), "unknown-card"],
    [
      "no params (the SDK's sample)",
      callback({ content: '{"cardPrivateData":{"actionIds":["b"],"params":{}}}' }),
      "no-action",
    ],
    ["an empty action", callback({}, { action: "" }), "no-action"],
    ["a numeric action", callback({}, { action: 2 }), "no-action"],
  ])("refuses %s, without throwing", (_, data, reason) => {
    const reading = readCardCallback(data, NOW);
    expect(reading).toMatchObject({ kind: "refused", reason });
    if (reading.kind === "refused") expect(reading.problem).not.toContain("04574258341072934");
  });
});
