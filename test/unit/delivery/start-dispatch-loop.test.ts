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
