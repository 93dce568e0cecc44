import { describe, expect, it } from "vitest";
import { describeFolderCycles, findFolderCycles, folderOf } from "../../../scripts/folder-cycles.js";

describe("folderOf", () => {
  it.each([
    ["src/progress/record-report.ts", "src/progress"],
    ["src/channels/wecom/wecom-route.ts", "src/channels"],
    ["src/services.ts", "src/services.ts"],
    ["node_modules/zod/index.d.cts", undefined],
    ["fs", undefined],
  ])("%s → %s", (path, folder) => {
    expect(folderOf(path)).toBe(folder);
  });
});

describe("findFolderCycles", () => {
  it("finds two folders that import each other though no file cycle exists", () => {
    const cycles = findFolderCycles([
      { from: "src/progress/a.ts", to: "src/workflow/b.ts" },
      { from: "src/workflow/c.ts", to: "src/progress/d.ts" },
      { from: "src/workflow/c.ts", to: "src/store/store.ts" },
    ]);
    expect(cycles).toEqual([
      {
        folders: ["src/progress", "src/workflow"],
        imports: [
          { from: "src/progress/a.ts", to: "src/workflow/b.ts" },
          { from: "src/workflow/c.ts", to: "src/progress/d.ts" },
        ],
      },
    ]);
  });

  it("counts a nested folder as part of its top-level folder", () => {
    const cycles = findFolderCycles([
      { from: "src/channels/wecom/route.ts", to: "src/http/read-raw-body.ts" },
      { from: "src/http/dev-routes.ts", to: "src/channels/channel.ts" },
    ]);
    expect(cycles.map((cycle) => cycle.folders)).toEqual([["src/channels", "src/http"]]);
  });

  it("finds a longer loop and keeps separate loops apart", () => {
    const cycles = findFolderCycles([
      { from: "src/a/x.ts", to: "src/b/x.ts" },
      { from: "src/b/x.ts", to: "src/c/x.ts" },
      { from: "src/c/x.ts", to: "src/a/x.ts" },
      { from: "src/c/x.ts", to: "src/d/x.ts" },
      { from: "src/d/x.ts", to: "src/e/x.ts" },
      { from: "src/e/x.ts", to: "src/d/x.ts" },
    ]);
    expect(cycles.map((cycle) => cycle.folders)).toEqual([
      ["src/a", "src/b", "src/c"],
      ["src/d", "src/e"],
    ]);
  });

  it("finds none in a layered graph, whatever imports stay inside a folder or leave src", () => {
    expect(
      findFolderCycles([
        { from: "src/workflow/a.ts", to: "src/workflow/b.ts" },
        { from: "src/workflow/b.ts", to: "src/workflow/a.ts" },
        { from: "src/workflow/a.ts", to: "src/store/store.ts" },
        { from: "src/store/store.ts", to: "node_modules/zod/index.d.cts" },
        { from: "src/services.ts", to: "src/workflow/a.ts" },
      ]),
    ).toEqual([]);
  });
});

describe("describeFolderCycles", () => {
  it("names the folders and the imports between them, the thinnest pair first", () => {
    const text = describeFolderCycles(
      findFolderCycles([
        { from: "src/progress/a.ts", to: "src/workflow/b.ts" },
        { from: "src/progress/e.ts", to: "src/workflow/b.ts" },
        { from: "src/workflow/c.ts", to: "src/progress/d.ts" },
      ]),
    );
    expect(text).toBe(
      [
        "folders that import each other: src/progress, src/workflow",
        "  src/workflow → src/progress (1):",
        "    src/workflow/c.ts → src/progress/d.ts",
        "  src/progress → src/workflow (2):",
        "    src/progress/a.ts → src/workflow/b.ts",
        "    src/progress/e.ts → src/workflow/b.ts",
      ].join("\n"),
    );
  });

  it("lists five imports of a pair and counts the rest", () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ from: `src/a/f${i}.ts`, to: "src/b/x.ts" }));
    const text = describeFolderCycles(findFolderCycles([...many, { from: "src/b/x.ts", to: "src/a/f0.ts" }]));
    expect(text.split("\n").slice(3)).toEqual([
      "  src/a → src/b (7):",
      "    src/a/f0.ts → src/b/x.ts",
      "    src/a/f1.ts → src/b/x.ts",
      "    src/a/f2.ts → src/b/x.ts",
      "    src/a/f3.ts → src/b/x.ts",
      "    src/a/f4.ts → src/b/x.ts",
      "    … and 2 more",
    ]);
  });
});
