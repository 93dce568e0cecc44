/**
 * A logic-less template engine (a small subset of Mustache):
 *   {{name}} {{a.b}}       a value (missing → empty)
 *   {{#list}}…{{/list}}    repeated per item of an array, or shown once when truthy
 *   {{^name}}…{{/name}}    shown when missing, false or an empty array
 *   {{.}}                  the current item inside a section
 * No escaping: output goes to chat messages and terminals, not HTML.
 */
export type View = Record<string, unknown>;

const TAG = /\{\{([#^/]?)\s*([\w.]+)\s*\}\}/g;

export function renderTemplate(template: string, view: View): string {
  return renderWithin(template, [view]);
}

function renderWithin(template: string, stack: unknown[]): string {
  let out = "";
  let cursor = 0;
  TAG.lastIndex = 0;
  for (let match = TAG.exec(template); match !== null; match = TAG.exec(template)) {
    const [whole, sigil, name = ""] = match;
    out += template.slice(cursor, match.index);
    cursor = match.index + whole.length;
    if (sigil === "") {
      out += stringify(lookup(stack, name));
      continue;
    }
    if (sigil === "/") throw new Error(`template: unexpected {{/${name}}}`);
    const close = findClose(template, name, cursor);
    const inner = trimSectionNewline(template.slice(cursor, close.start), atLineStart(template, match.index));
    cursor = close.end;
    TAG.lastIndex = cursor;
    const value = lookup(stack, name);
    if (sigil === "^") {
      if (isEmpty(value)) out += renderWithin(inner, stack);
    } else if (Array.isArray(value)) {
      for (const item of value) out += renderWithin(inner, [...stack, item]);
    } else if (!isEmpty(value)) {
      out += renderWithin(inner, [...stack, value]);
    }
    TAG.lastIndex = cursor;
  }
  return out + template.slice(cursor);
}

/** Finds the matching close tag, allowing nested sections of the same name. */
function findClose(template: string, name: string, from: number): { start: number; end: number } {
  const tags = new RegExp(`\\{\\{([#^/])\\s*${name.replace(/\./g, "\\.")}\\s*\\}\\}`, "g");
  tags.lastIndex = from;
  let depth = 1;
  for (let m = tags.exec(template); m !== null; m = tags.exec(template)) {
    depth += m[1] === "/" ? -1 : 1;
    if (depth === 0) {
      const end = m.index + m[0].length;
      // A close tag alone on its line takes its line break with it.
      const alone = atLineStart(template, m.index) && template[end] === "\n";
      return { start: m.index, end: alone ? end + 1 : end };
    }
  }
  throw new Error(`template: {{#${name}}} is never closed`);
}

function atLineStart(template: string, index: number): boolean {
  return index === 0 || template[index - 1] === "\n";
}

/** An open tag alone on its line should not leave an empty line behind. */
function trimSectionNewline(inner: string, openAlone: boolean): string {
  return openAlone && inner.startsWith("\n") ? inner.slice(1) : inner;
}

function lookup(stack: unknown[], name: string): unknown {
  if (name === ".") return stack[stack.length - 1];
  const [head = "", ...rest] = name.split(".");
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame !== null && typeof frame === "object" && head in frame) {
      return rest.reduce<unknown>(
        (value, key) => (value !== null && typeof value === "object" ? (value as View)[key] : undefined),
        (frame as View)[head],
      );
    }
  }
  return undefined;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === false ||
    value === 0 ||
    value === "" ||
    (Array.isArray(value) && value.length === 0)
  );
}

function stringify(value: unknown): string {
  if (value === undefined || value === null) return "";
  return String(value);
}
