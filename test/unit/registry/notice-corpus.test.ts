import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { readNotice } from "../../../src/registry/read-notice.js";
import type { Registry, Target, Task } from "../../../src/registry/registry.js";

/**
 * The layout corpus (issue #16): notices in the shapes other offices write, each beside the registry
 * it must give. Every field of every task is compared, and the per-field accuracy is printed so a
 * change to the grammar shows what it gained or lost.
 */
const DIR = new URL("../../fixtures/notices/", import.meta.url);
const NOTICES = readdirSync(DIR)
  .filter((name) => /\.(txt|html?|docx|pdf)$/.test(name))
  .sort();

type ExpectedTask = Partial<Task> & Pick<Task, "no" | "section" | "text" | "deadline" | "line">;
interface Expected {
  year: number;
  targets?: Target[];
  tasks: ExpectedTask[];
}

/** Every task field; the ones a notice may leave out default to "empty" or "absent". */
const FIELDS = [
  "no",
  "ref",
  "section",
  "subsection",
  "text",
  "leaders",
  "hostUnits",
  "coUnits",
  "unitGroups",
  "indicators",
  "deadline",
  "deadlineText",
  "line",
] as const;
const LISTS = new Set(["leaders", "hostUnits", "coUnits", "unitGroups", "indicators"]);

const tally = new Map<string, { right: number; total: number }>();
function count(field: string, right: boolean): void {
  const entry = tally.get(field) ?? { right: 0, total: 0 };
  entry.total++;
  if (right) entry.right++;
  tally.set(field, entry);
}

/** JSON with keys sorted, so that the order fields were built in does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function expectedField(task: ExpectedTask, field: (typeof FIELDS)[number]): unknown {
  const value = task[field as keyof ExpectedTask];
  return value === undefined && LISTS.has(field) ? [] : value;
}

describe("the notice corpus (test/fixtures/notices)", () => {
  it("holds at least ten notices in different layouts", () => {
    expect(NOTICES.length).toBeGreaterThanOrEqual(10);
  });

  for (const name of NOTICES) {
    it(`reads ${name} into its expected registry`, async () => {
      const expected = JSON.parse(
        readFileSync(new URL(name.replace(/\.[^.]+$/, ".expected.json"), DIR), "utf8"),
      ) as Expected;
      let registry: Registry | undefined;
      try {
        registry = (await readNotice(new URL(name, DIR).pathname)).registry;
      } catch {
        registry = undefined;
      }
      const mismatches: string[] = [];
      count("year", registry?.document.year === expected.year);
      const targetsRight = canonical(registry?.targets ?? []) === canonical(expected.targets ?? []);
      count("targets", targetsRight);
      if (!targetsRight) mismatches.push(`targets: ${JSON.stringify(registry?.targets)}`);
      count("task count", registry?.tasks.length === expected.tasks.length);
      expected.tasks.forEach((want, i) => {
        const got = registry?.tasks[i] as Record<string, unknown> | undefined;
        for (const field of FIELDS) {
          const wanted = expectedField(want, field);
          const right = got !== undefined && canonical(got[field]) === canonical(wanted);
          count(field, right);
          if (!right) {
            mismatches.push(
              `task ${i + 1} ${field}: got ${JSON.stringify(got?.[field])}, want ${JSON.stringify(wanted)}`,
            );
          }
        }
      });
      expect(mismatches, name).toEqual([]);
      expect(registry?.tasks.length).toBe(expected.tasks.length);
      expect(registry?.document.year).toBe(expected.year);
    });
  }

  afterAll(() => {
    const rows = [...tally].map(([field, { right, total }]) => {
      const share = total === 0 ? 100 : Math.round((right / total) * 1000) / 10;
      return `  ${field.padEnd(12)} ${String(right).padStart(3)}/${String(total).padEnd(3)} ${share}%`;
    });
    console.log(`per-field accuracy over ${NOTICES.length} notices:\n${rows.join("\n")}`);
  });
});
