/**
 * Characters XML 1.0 does not allow: C0 controls other than tab and line breaks, U+FFFE and
 * U+FFFF, and unpaired surrogates. A note pasted from another program can carry them, and one
 * of them in an Office part makes Word or Excel "repair" the file and WPS refuse it.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it removes.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without the characters XML 1.0 forbids. */
export function stripNonXml(text: string): string {
  return text.replace(NOT_XML, "");
}

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

/** `text` as XML character data or an attribute value: forbidden characters dropped, markup escaped. */
export function escapeXml(text: string): string {
  return stripNonXml(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
