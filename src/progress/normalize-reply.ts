/**
 * Phones type full-width digits, signs and spaces as often as ASCII ones ("５２　新增４２００人",
 * "２．９％"): they become ASCII, runs of spaces one space, and the text is trimmed, so that the
 * parsers see one spelling.
 */
export function normalizeReply(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => {
      const ascii = String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      // Full-width commas, colons and the like stay: they separate clauses in Chinese prose.
      return /[0-9A-Za-z%.+\-/]/.test(ascii) ? ascii : c;
    })
    .replace(/[\u3000\s]+/g, " ")
    .trim();
}
