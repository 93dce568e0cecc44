import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../src/config/load-settings.js";
import { DEFAULT_SETTINGS } from "../../../src/config/settings.js";

const write = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "duban-settings-")), "duban.yaml");
  writeFileSync(path, text);
  return path;
};

describe("loadSettings", () => {
  it("uses the defaults without a file, and the example file equals them", () => {
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(new URL("../../../config/duban.example.yaml", import.meta.url).pathname)).toEqual(
      DEFAULT_SETTINGS,
    );
    expect(DEFAULT_SETTINGS.reminders.ladder).toMatchObject({ first: -3, due: 0, overdue: 1, escalation: 3 });
    expect(DEFAULT_SETTINGS.reporting.defaultCycle).toEqual({ kind: "monthly", day: 25 });
  });

  it("sends difficulties to the lead leaders only when asked to", () => {
    expect(DEFAULT_SETTINGS.progress.difficultyToLeaders).toBe(false);
    expect(loadSettings(write("progress:\n  difficultyToLeaders: true\n")).progress.difficultyToLeaders).toBe(
      true,
    );
  });

  it("reads per-task cycles", () => {
    const settings = loadSettings(write('reporting:\n  tasks:\n    "52": { kind: weekly, weekday: 5 }\n'));
    expect(settings.reporting.tasks["52"]).toEqual({ kind: "weekly", weekday: 5 });
  });

  it.each([
    ["reminders:\n  hours: { start: '8:30' }\n", /reminders\.hours\.start: write a time as "HH:MM"/],
    ["reminders:\n  ladder: { first: 2 }\n", /reminders\.ladder\.first/],
    ["reporting:\n  tasks:\n    fifty: { kind: once }\n", /reporting\.tasks\.fifty/],
    ["remind: {}\n", /Fix: remove or rename remind/],
    [
      "progress:\n  difficultyToLeaders: yes please\n",
      /progress\.difficultyToLeaders: difficultyToLeaders must be true or false/,
    ],
  ])("names the key and the fix for %j", (text, expected) => {
    expect(() => loadSettings(write(text))).toThrow(expected);
  });
});
