import { describe, expect, it } from "vitest";
import { groupByKeys } from "../../../src/shared/group-by-keys.js";

describe("groupByKeys", () => {
  it("puts each item under each of its keys, once, in the items' order", () => {
    const tasks = [
      { no: 1, leaders: ["寇宁", "张修斌"] },
      { no: 2, leaders: ["张修斌"] },
      { no: 3, leaders: ["寇宁", "寇宁"] },
      { no: 4, leaders: [] },
    ];
    const groups = groupByKeys(tasks, (t) => t.leaders);
    expect([...groups.keys()]).toEqual(["寇宁", "张修斌"]);
    expect(groups.get("寇宁")?.map((t) => t.no)).toEqual([1, 3]);
    expect(groups.get("张修斌")?.map((t) => t.no)).toEqual([1, 2]);
  });

  it("groups by one key per item", () => {
    const groups = groupByKeys([3, 1, 4, 1, 5], (n) => [n % 2]);
    expect(groups).toEqual(
      new Map([
        [1, [3, 1, 1, 5]],
        [0, [4]],
      ]),
    );
  });
});
