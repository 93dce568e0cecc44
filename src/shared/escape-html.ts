const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text made safe inside HTML, in an element or a quoted attribute (the service's own pages): what
 * people typed (a report's note, a reason) never becomes markup.
 */
export const escapeHtml = (text: string | number): string =>
  String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
