import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeTaskId, encodeTaskId } from "../../../../src/channels/wecom/wecom-task-id.js";

describe("encodeTaskId / decodeTaskId", () => {
  it("uses a card id of letters, digits, _ and - as it is", () => {
    expect(encodeTaskId("T52_U3-r1")).toBe("T52_U3-r1");
  });

  it("escapes everything else reversibly into WeCom's task_id alphabet", () => {
    const cardId = "52/区人社局/2021-03@T-3";
    const taskId = encodeTaskId(cardId) ?? "";
    expect(taskId).toMatch(/^[0-9A-Za-z_\-@]{1,128}$/);
    expect(taskId.startsWith("52@2F@E5@8C@BA")).toBe(true);
    expect(decodeTaskId(taskId)).toBe(cardId);
  });

  it("refuses a card id whose task_id would exceed 128 bytes, or an empty one", () => {
    expect(encodeTaskId("a".repeat(128))).toBe("a".repeat(128));
    expect(encodeTaskId("a".repeat(129))).toBeUndefined();
    expect(encodeTaskId("局".repeat(15))).toBeUndefined(); // 45 bytes → 135 characters
    expect(encodeTaskId("")).toBeUndefined();
  });

  it("returns a TaskId it did not make unchanged", () => {
    expect(decodeTaskId("taskid111")).toBe("taskid111");
    expect(decodeTaskId("a@b")).toBe("a@b");
    expect(decodeTaskId("x@FF")).toBe("x@FF"); // not UTF-8
  });

  it("round-trips every card id that fits", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (cardId) => {
        const taskId = encodeTaskId(cardId);
        if (taskId === undefined) return;
        expect(taskId).toMatch(/^[0-9A-Za-z_\-@]{1,128}$/);
        expect(decodeTaskId(taskId)).toBe(cardId);
      }),
    );
  });
});
