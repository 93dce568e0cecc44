import { describe, expect, it } from "vitest";
import type { Assignment } from "../../../src/registry/assignment.js";
import { assignmentsByTask } from "../../../src/registry/assignments-by-task.js";

const assignments: Assignment[] = [
  { taskNo: 2, unit: "区人社局", role: "host" },
  { taskNo: 1, unit: "区发改局", role: "host" },
  { taskNo: 2, unit: "鼓楼街道", role: "co" },
  { taskNo: 2, unit: "新兖镇", role: "co" },
];

describe("assignmentsByTask", () => {
  it("groups a list by task, keeping each task's assignments in the list's order", () => {
    const byTask = assignmentsByTask(assignments);
    expect([...byTask.keys()]).toEqual([2, 1]);
    expect(byTask.get(2)?.map((a) => a.unit)).toEqual(["区人社局", "鼓楼街道", "新兖镇"]);
    expect(byTask.get(1)).toEqual([{ taskNo: 1, unit: "区发改局", role: "host" }]);
    expect(byTask.get(3)).toBeUndefined();
  });

  it("groups a list once, and another list (a new import or directory) afresh", () => {
    expect(assignmentsByTask(assignments)).toBe(assignmentsByTask(assignments));
    const edited = [...assignments, { taskNo: 3, unit: "区财政局", role: "host" } as const];
    expect(
      assignmentsByTask(edited)
        .get(3)
        ?.map((a) => a.unit),
    ).toEqual(["区财政局"]);
    expect(assignmentsByTask(assignments).get(3)).toBeUndefined();
  });
});
