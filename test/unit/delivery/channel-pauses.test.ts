import { describe, expect, it } from "vitest";
import { createChannelPauses } from "../../../src/delivery/channel-pauses.js";

const S = 1000;

describe("channel pauses", () => {
  it("lets everything through while the channel answers", () => {
    const pauses = createChannelPauses();
    expect(pauses.admit("wecom", 0)).toBeUndefined();
    expect(pauses.admit("wecom", 0)).toBeUndefined();
  });

  it("pauses the channel 15 s, doubling to 5 min with failures in a row, or as long as the platform asks", () => {
    const pauses = createChannelPauses();
    let now = 0;
    const ends: number[] = [];
    for (let i = 0; i < 7; i++) {
      const pause = pauses.failed("wecom", now, "token refused");
      ends.push(pause.untilMs - now);
      expect(pause.fresh).toBe(i === 0);
      expect(pauses.admit("wecom", now)).toMatchObject({ untilMs: pause.untilMs, reason: "token refused" });
      now = pause.untilMs;
      expect(pauses.admit("wecom", now)).toBeUndefined(); // the probe
    }
    expect(ends).toEqual([15 * S, 30 * S, 60 * S, 120 * S, 240 * S, 300 * S, 300 * S]);
    expect(pauses.failed("wecom", now, "45009", 3_600 * S).untilMs - now).toBe(3_600 * S);
  });

  it("sends one probe after a pause while the rest wait; an answer ends the incident", () => {
    const pauses = createChannelPauses();
    const { untilMs } = pauses.failed("wecom", 0, "unreachable");
    expect(pauses.admit("wecom", untilMs)).toBeUndefined();
    expect(pauses.admit("wecom", untilMs)).toMatchObject({ untilMs: untilMs + 15 * S });
    expect(pauses.admit("other", untilMs)).toBeUndefined();
    pauses.answered("wecom");
    expect(pauses.admit("wecom", untilMs)).toBeUndefined();
    expect(pauses.admit("wecom", untilMs)).toBeUndefined();
    expect(pauses.failed("wecom", untilMs, "again").fresh).toBe(true);
  });

  it("does not lengthen a pause for the sends that were in flight when it began, and gives up a lost probe", () => {
    const pauses = createChannelPauses();
    const first = pauses.failed("wecom", 0, "busy");
    expect(pauses.failed("wecom", 5 * S, "busy")).toEqual({ ...first, fresh: false });
    expect(pauses.admit("wecom", first.untilMs)).toBeUndefined();
    // The probe's dispatch died without an outcome: after 2 minutes another message may try.
    expect(pauses.admit("wecom", first.untilMs + 119 * S)).toBeDefined();
    expect(pauses.admit("wecom", first.untilMs + 121 * S)).toBeUndefined();
  });
});
