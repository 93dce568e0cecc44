// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures are TypeScript source.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkTemplateUses } from "./check-template-uses.js";
import { findTemplateUses } from "./find-template-uses.js";

const IMPORT = 'import { message, messages, renderFile } from "../templates/template-store.js";\n';

/** Reads one source file `src/a/a.ts` (plus `others`), as the real test reads src/. */
function read(code: string, others: Record<string, string> = {}) {
  return findTemplateUses(new Map([["src/a/a.ts", IMPORT + code], ...Object.entries(others)]));
}

const keysOf = (code: string, others?: Record<string, string>) =>
  read(code, others).keys.map((s) => [s.catalog, s.keys ?? s.keyText]);

describe("findTemplateUses", () => {
  it("reads message() and the aliases messages() binds, per file", () => {
    expect(keysOf('const m = messages("w");\nmessage("c", "one");\nm("two");')).toEqual([
      ["c", ["one"]],
      ["w", ["two"]],
    ]);
    // Another file's `m` is its own.
    expect(
      read('m("x");', {
        "src/b/b.ts": 'import { messages } from "../templates/template-store.js";\nconst m = messages("w");',
      }).keys,
    ).toEqual([]);
  });

  it("follows an alias imported under another name, and ignores a local that shadows it", () => {
    const code =
      'import { message as wording } from "../templates/template-store.js";\nwording("c", "k");\nfunction f(message: { kind: string }) { return message.kind; }';
    expect(findTemplateUses(new Map([["src/a/a.ts", code]])).keys.map((s) => s.keys)).toEqual([["k"]]);
  });

  it("follows conditionals, consts, lookup tables and template strings", () => {
    const code = [
      'const m = messages("w");',
      'const KIND = { first: "First", due: "Due" } as const;',
      'export function f(x: "first" | "due", y: boolean, z: string) {',
      "  const kind = KIND[x];",
      '  m(y ? "yes" : "no");',
      "  m(`title${kind}`);",
      '  m({ a: "p", b: "q" }[z] ?? "r");',
      "}",
    ].join("\n");
    expect(keysOf(code)).toEqual([
      ["w", ["yes", "no"]],
      ["w", ["titleFirst", "titleDue"]],
      ["w", ["p", "q", "r"]],
    ]);
  });

  it("reads a parameter typed as string literals as those literals", () => {
    const code =
      'type Why = "a" | "b";\nexport const f = (why: Extract<Why, "a">, other: "c" | Why) => [message("c", why), message("c", other)];';
    expect(keysOf(code)).toEqual([
      ["c", ["a"]],
      ["c", ["c", "a", "b"]],
    ]);
  });

  it("checks the callers of a function that passes its parameter on as the key, across files", () => {
    const wrapper =
      'export function problem(line: number, key: string) { return message("p", key, { line }); }';
    const caller =
      'import { problem } from "./a.js";\nproblem(1, "noUnits");\nconst say = (k: string) => problem(2, k);\nsay("noLeaders");';
    expect(keysOf(wrapper, { "src/a/b.ts": caller })).toEqual([
      ["p", ["noUnits"]],
      ["p", ["noLeaders"]],
    ]);
  });

  it("reports what it cannot follow with the key as written", () => {
    expect(keysOf('export const f = (xs: string[]) => xs.map((x) => message("c", `k${x}`));')).toEqual([
      ["c", "`k${x}`"],
    ]);
    expect(
      read('const m = messages("c");\n[1].map(m);\nmessages("d")("k");').misuses.map((u) => u.text),
    ).toEqual(["[1].map(m)", 'messages("d")']);
  });
});

describe("checkTemplateUses", () => {
  const dir = mkdtempSync(join(tmpdir(), "template-keys-"));
  mkdirSync(join(dir, "import"));
  writeFileSync(join(dir, "w.yaml"), 'known: "已知"\nk1: "一"\nk2: "二"\n');
  writeFileSync(join(dir, "import/summary.txt"), "{{x}}");

  const problems = (code: string, computed: { key: string; keys: string[] }[] = []) =>
    checkTemplateUses(
      read(code),
      computed.map((c) => ({ file: "src/a/a.ts", ...c })),
      dir,
    );

  it("passes keys and files that exist", () => {
    const code =
      'const m = messages("w");\nm("known");\nexport const f = (n: number) => m(`k${n}`);\nrenderFile("import/summary.txt", {});';
    expect(problems(code, [{ key: "`k${n}`", keys: ["k1", "k2"] }])).toEqual([]);
  });

  it("fails a misspelt key, a missing catalogue and a missing template file", () => {
    const code =
      'const m = messages("w");\nm("knwon");\nmessage("nowhere", "known");\nrenderFile("import/summry.txt", {});';
    expect(problems(code)).toEqual([
      'src/a/a.ts:3: templates/w.yaml has no key "knwon"',
      "src/a/a.ts:4: templates/nowhere.yaml does not exist",
      "src/a/a.ts:5: templates/import/summry.txt does not exist",
    ]);
  });

  it("fails a computed key nobody listed, a listed key that does not exist, and a stale listing", () => {
    const code = 'const m = messages("w");\nexport const f = (n: number) => [m(`k${n}`), m(`x${n}`)];';
    expect(
      problems(code, [
        { key: "`k${n}`", keys: ["k1", "k3"] },
        { key: "gone", keys: [] },
      ]),
    ).toEqual([
      'src/a/a.ts:3: templates/w.yaml has no key "k3"',
      "src/a/a.ts:3: the key `x${n}` is computed; list the keys it can be in COMPUTED_KEYS",
      "COMPUTED_KEYS: src/a/a.ts no longer computes the key gone",
    ]);
  });
});
