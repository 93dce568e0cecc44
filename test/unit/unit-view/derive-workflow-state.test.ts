import { describe, expect, it } from "vitest";
import { deriveWorkflowState } from "../../../src/unit-view/derive-workflow-state.js";

const ack = { status: "acknowledged" };
const report = { status: "on-track" };
const completion = (status: "pending" | "approved" | "rejected" | "returned", id = "c1") => ({
  id,
  kind: "completion" as const,
  status,
});
const extension = { id: "e1", kind: "extension" as const, status: "approved" as const };
const reopening = (undoes: string) => ({
  id: `r-${undoes}`,
  kind: "reopening" as const,
  status: "approved" as const,
  undoes,
});

describe("deriveWorkflowState", () => {
  it.each([
    ["nothing yet: 待签收", [], [], "awaiting-ack"],
    ["签收: 推进中", [ack], [], "in-progress"],
    ["a report without 签收: 推进中", [report], [], "in-progress"],
    ["an approved extension changes nothing", [report], [extension], "in-progress"],
    ["申请办结", [ack, report], [completion("pending")], "completion-requested"],
    ["已办结", [report], [completion("approved")], "completed"],
    ["退回 → 推进中", [report], [completion("returned")], "in-progress"],
    [
      "returned, then asked again",
      [report],
      [completion("returned"), completion("pending")],
      "completion-requested",
    ],
    ["已办结, reopened → 推进中", [report], [completion("approved"), reopening("c1")], "in-progress"],
    [
      "a reopening of another completion leaves this one closed",
      [report],
      [completion("approved"), reopening("c0")],
      "completed",
    ],
    [
      "reopened, then asked again",
      [report],
      [completion("approved"), reopening("c1"), completion("pending", "c2")],
      "completion-requested",
    ],
    [
      "reopened, then approved again",
      [report],
      [completion("approved"), reopening("c1"), completion("approved", "c2")],
      "completed",
    ],
  ] as const)("%s", (_, records, requests, state) => {
    expect(deriveWorkflowState(records, requests)).toBe(state);
  });
});
