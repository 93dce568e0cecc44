import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../../../src/commands/command-spec.js";
import { COMMANDS } from "../../../src/commands/registry.js";
import { editDistance, suggestCommand } from "../../../src/commands/suggest-command.js";

const spec = (name: string, aliases: string[]): CommandSpec => ({
  name,
  aliases,
  params: [],
  roles: ["admin"],
  text: { summary: "s", usage: "u", example: "e" },
  run: async () => ({ result: "answered" }),
});
const commands = [...COMMANDS, spec("overdue", ["逾期", "查逾期"]), spec("my", ["我的任务"])];
const suggest = (typed: string) => suggestCommand(typed, commands)?.name;

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps, by character", () => {
    expect(editDistance("help", "help")).toBe(0);
    expect(editDistance("hlep", "help")).toBe(1);
    expect(editDistance("overdeu", "overdue")).toBe(1);
    expect(editDistance("hep", "help")).toBe(1);
    expect(editDistance("helpp", "help")).toBe(1);
    expect(editDistance("帮组", "帮助")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });
});

describe("suggestCommand", () => {
  it("finds the command a typo meant, by name or alias", () => {
    expect(suggest("hlep")).toBe("help");
    expect(suggest("overdeu")).toBe("overdue");
    expect(suggest("ovredue")).toBe("overdue");
    expect(suggest("whoamii")).toBe("whoami");
    expect(suggest("whomai")).toBe("whoami");
    expect(suggest("帮组")).toBe("help");
    expect(suggest("查预期")).toBe("overdue");
  });

  it("suggests nothing when nothing is near", () => {
    expect(suggest("")).toBeUndefined();
    expect(suggest("52")).toBeUndefined();
    expect(suggest("weather")).toBeUndefined();
    // Short words allow one edit only: "hp" is two from "help".
    expect(suggest("hp")).toBeUndefined();
  });

  it("suggests only among the commands given (the caller's)", () => {
    // Among the frame's own two: the real registry has /overdue now.
    expect(suggestCommand("overdeu", COMMANDS.slice(0, 2))).toBeUndefined();
    expect(COMMANDS.slice(0, 2).map((c) => c.name)).toEqual(["help", "whoami"]);
  });
});
