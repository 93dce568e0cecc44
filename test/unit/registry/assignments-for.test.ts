import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Directory } from "../../../src/directory/directory.js";
import { indexDirectory } from "../../../src/directory/directory-index.js";
import { assignmentsFor } from "../../../src/registry/assignments-for.js";
import { computeAssignments } from "../../../src/registry/compute-assignments.js";
import { decodeText, toLines } from "../../../src/registry/decode-text.js";
import { parseNotice } from "../../../src/registry/parse-notice.js";
import type { Registry } from "../../../src/registry/registry.js";
import { SEED_PATH } from "../../helpers/notice.js";
import { demoDirectory } from "../../helpers/seed-world.js";

/** The seed notice as `duban import` reads it, a new object each time. */
function seedRegistry(): Registry {
  return parseNotice(toLines(decodeText(readFileSync(SEED_PATH), "seed").text), {
    now: new Date("2021-01-21T00:00:00Z"),
  });
}

describe("assignmentsFor", () => {
  it("gives what computeAssignments gives, worked out once per registry and directory", () => {
    const registry = seedRegistry();
    const directory: Directory = demoDirectory;
    const assignments = assignmentsFor(registry, directory);
    expect(assignments).toEqual(computeAssignments(registry, indexDirectory(directory)));
    expect(assignmentsFor(registry, directory)).toBe(assignments);
  });

  it("works them out afresh for an edited directory or a new import", () => {
    const registry = seedRegistry();
    const directory: Directory = demoDirectory;
    const before = assignmentsFor(registry, directory);
    const [first, ...others] = directory.units;
    if (!first) throw new Error("the seed directory has units");
    const renamed: Directory = {
      ...directory,
      units: [{ ...first, name: `${first.name}（新）` }, ...others],
    };
    expect(assignmentsFor(registry, renamed)).not.toBe(before);
    expect(assignmentsFor(registry, renamed)).toEqual(computeAssignments(registry, indexDirectory(renamed)));
    const reimported: Registry = { ...registry, tasks: registry.tasks.slice(0, 3) };
    expect(new Set(assignmentsFor(reimported, directory).map((a) => a.taskNo))).toEqual(
      new Set(registry.tasks.slice(0, 3).map((t) => t.no)),
    );
  });
});
