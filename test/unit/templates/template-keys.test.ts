// biome-ignore-all lint/suspicious/noTemplateCurlyInString: keys are quoted as the source writes them.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TEMPLATES_DIR } from "../../../src/templates/template-store.js";
import { checkTemplateUses } from "./check-template-uses.js";
import { COMPUTED_KEYS } from "./computed-template-keys.js";
import { findTemplateUses, readSources } from "./find-template-uses.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

describe("template keys", () => {
  const uses = findTemplateUses(readSources(ROOT));

  it("reads the message calls of src/, following keys the code spells out", () => {
    // A reader that found nothing would pass everything.
    expect(uses.keys.length).toBeGreaterThan(250);
    const title = uses.keys.find(
      (s) => s.file === "src/reminders/render-reminder.ts" && s.keyText === "`title${kind}`",
    );
    expect(title?.keys).toEqual(["titleFirst", "titleDue", "titleOverdue", "titleCoRequest"]);
    expect(uses.files.map((f) => f.name)).toContain("import/summary.txt");
  });

  it("names only catalogues, keys and template files that exist", () => {
    expect(checkTemplateUses(uses, COMPUTED_KEYS, TEMPLATES_DIR)).toEqual([]);
  });
});
