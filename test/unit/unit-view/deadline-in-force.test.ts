import { describe, expect, it } from "vitest";
import { deadlineInForce } from "../../../src/unit-view/deadline-in-force.js";

const approved = (newDeadline: string, decidedAt: string) => ({
  kind: "extension" as const,
  status: "approved" as const,
  newDeadline,
  decision: { decision: "approved" as const, decidedBy: "admin1", decidedAt },
});

describe("deadlineInForce", () => {
  it("is the task's deadline until an extension is approved", () => {
    expect(deadlineInForce("2021-12-31", [])).toBe("2021-12-31");
    expect(
      deadlineInForce("2021-12-31", [
        { kind: "extension", status: "pending", newDeadline: "2022-01-31" },
        { kind: "extension", status: "rejected", newDeadline: "2022-02-28" },
        { kind: "completion", status: "approved" },
      ]),
    ).toBe("2021-12-31");
  });

  it("follows the extension decided last, even when it sets the deadline back", () => {
    const later = approved("2022-01-31", "2021-12-20T02:00:00.000Z");
    const back = approved("2021-12-31", "2021-12-22T02:00:00.000Z");
    expect(deadlineInForce("2021-12-31", [later])).toBe("2022-01-31");
    expect(deadlineInForce("2021-12-31", [later, back])).toBe("2021-12-31");
    // When each was decided counts, not the order the requests were made in.
    expect(deadlineInForce("2021-12-31", [back, later])).toBe("2021-12-31");
  });
});
