import { escapeHtml } from "../../shared/escape-html.js";

export { escapeHtml };

/**
 * A template literal tag that escapes every interpolated value, except the HTML of nested `html`
 * fragments (and arrays of them): a page is built from fragments without escaping twice.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

/** Markup already made safe (built by `html`). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

/** Text put in as it is: only for markup the code made itself (a JSON block with `<` escaped). */
export function trusted(text: string): Html {
  return new Html(text);
}
