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
  let nodes = compiled.get(template);
  if (nodes === undefined) {
    nodes = compile(template);
    compiled.set(template, nodes);
  }
  return render(nodes, [view]);
}

/**
 * A template read once into its parts: the text between tags, values, and sections with their
 * own parts. Templates come from the files in templates/, so the cache stays as small as they are;
 * the ledger renders a few templates for each of thousands of rows.
 */
type Node =
  | string
  | { kind: "value"; name: Name }
  | { kind: "section"; inverted: boolean; name: Name; nodes: Node[] };

/** A tag's name split at its dots once ("a.b" → ["a", "b"]); "." alone is the current item. */
type Name = readonly string[] | ".";

function splitName(name: string): Name {
  return name === "." ? "." : name.split(".");
}

const compiled = new Map<string, Node[]>();

function compile(template: string): Node[] {
  const nodes: Node[] = [];
  let cursor = 0;
  const tag = new RegExp(TAG.source, "g");
  for (let match = tag.exec(template); match !== null; match = tag.exec(template)) {
    const [whole, sigil, name = ""] = match;
    if (match.index > cursor) nodes.push(template.slice(cursor, match.index));
    cursor = match.index + whole.length;
    if (sigil === "") {
      nodes.push({ kind: "value", name: splitName(name) });
      continue;
    }
    if (sigil === "/") throw new Error(`template: unexpected {{/${name}}}`);
    const close = findClose(template, name, cursor);
    const inner = trimSectionNewline(template.slice(cursor, close.start), atLineStart(template, match.index));
    nodes.push({ kind: "section", inverted: sigil === "^", name: splitName(name), nodes: compile(inner) });
    cursor = close.end;
    tag.lastIndex = cursor;
  }
  if (cursor < template.length) nodes.push(template.slice(cursor));
  return nodes;
}

function render(nodes: readonly Node[], stack: unknown[]): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node === "string") out += node;
    else if (node.kind === "value") out += stringify(lookup(stack, node.name));
    else {
      const value = lookup(stack, node.name);
      if (node.inverted) {
        if (isEmpty(value)) out += render(node.nodes, stack);
      } else if (Array.isArray(value)) {
        for (const item of value) out += render(node.nodes, [...stack, item]);
      } else if (!isEmpty(value)) {
        out += render(node.nodes, [...stack, value]);
      }
    }
  }
  return out;
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

function lookup(stack: unknown[], name: Name): unknown {
  if (name === ".") return stack[stack.length - 1];
  const head = name[0] ?? "";
  for (let i = stack.length - 1; i >= 0; i--) {
    const frame = stack[i];
    if (frame !== null && typeof frame === "object" && head in frame) {
      let value: unknown = (frame as View)[head];
      for (let k = 1; k < name.length; k++)
        value = value !== null && typeof value === "object" ? (value as View)[name[k] as string] : undefined;
      return value;
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
