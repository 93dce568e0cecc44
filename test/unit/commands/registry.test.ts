import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../src/commands/registry.js";
import { readTaskNumber } from "../../../src/progress/read-task-number.js";
import { message } from "../../../src/templates/template-store.js";

describe("the command registry", () => {
  it("names each command once, in lower-case ASCII, with aliases no other command has", () => {
    const words = COMMANDS.flatMap((c) => [c.name, ...c.aliases]);
    expect(new Set(words).size).toBe(words.length);
    for (const spec of COMMANDS) {
      expect(spec.name).toMatch(/^[a-z]+$/);
      expect(spec.aliases.length).toBeGreaterThan(0);
      // An alias is matched as a whole word: it must not itself contain a space or start with a number.
      for (const alias of spec.aliases) {
        expect(alias).not.toMatch(/\s/);
        expect(readTaskNumber(alias).taskNo).toBeUndefined();
      }
    }
  });

  it("has its help, usage and example in templates/commands.yaml, the usage starting with the command", () => {
    for (const spec of COMMANDS) {
      expect(message("commands", spec.text.summary)).not.toBe("");
      expect(message("commands", spec.text.usage)).toMatch(new RegExp(`^/${spec.name}\\b`));
      expect(message("commands", spec.text.example)).toMatch(new RegExp(`^/${spec.name}\\b`));
    }
  });

  it("lets everyone, someone not in the directory included, run /help and /whoami", () => {
    for (const name of ["help", "whoami"])
      expect(COMMANDS.find((c) => c.name === name)?.roles).toEqual(["admin", "leader", "contact", "unknown"]);
  });
});
