import { describe, expect, it } from "vitest";
import { emptyDispatchReport } from "../../../src/delivery/create-dispatcher.js";
import { startDispatchLoop } from "../../../src/delivery/start-dispatch-loop.js";
import { createLogger } from "../../../src/shared/logger.js";

describe("startDispatchLoop", () => {
  it("keeps dispatching after a failed round, and stops after the round in progress", async () => {
    const lines: string[] = [];
    let calls = 0;
    let inProgress = false;
    let third: () => void = () => {};
    const reachedThird = new Promise<void>((resolve) => {
      third = resolve;
    });
    const loop = startDispatchLoop(
      {
        settle: async () => {},
        async dispatchDue() {
          expect(inProgress).toBe(false);
          inProgress = true;
          calls++;
          await Promise.resolve();
          inProgress = false;
          if (calls === 1) throw new Error("store unavailable");
          if (calls === 3) third();
          return emptyDispatchReport();
        },
      },
      { logger: createLogger({ write: (line) => lines.push(line) }), intervalMs: 1 },
    );
    await reachedThird;
    await loop.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(after);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["dispatch round failed"]);
  });
});

describe("startDispatchLoop: wake and fatal", () => {
  it("runs a round at once when woken, instead of waiting for the interval", async () => {
    let calls = 0;
    const loop = startDispatchLoop(
      {
        settle: async () => {},
        async dispatchDue() {
          calls++;
          return emptyDispatchReport();
        },
      },
      { logger: createLogger({ write: () => {} }), intervalMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(1);
    loop.wake();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(2);
    await loop.stop();
  });

  it("gives up and reports a fatal error when rounds have failed for too long", async () => {
    let clock = 0;
    const fatal: unknown[] = [];
    const loop = startDispatchLoop(
      {
        settle: async () => {},
        async dispatchDue() {
          clock += 1_000;
          throw new Error("store unavailable");
        },
      },
      {
        logger: createLogger({ write: () => {} }),
        intervalMs: 1,
        maxFailingMs: 5_000,
        monotonicMs: () => clock,
        onFatal: (error) => fatal.push(error),
      },
    );
    for (let i = 0; i < 100 && fatal.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fatal).toHaveLength(1);
    const calls = clock / 1_000;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clock / 1_000).toBe(calls); // stopped for good
    await loop.stop();
  });
});
