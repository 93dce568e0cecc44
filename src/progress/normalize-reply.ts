/** "４，２００": a full-width comma between full-width digit groups is a thousands separator. */
const THOUSANDS_FULL_WIDTH = /([０-９])，(?=[０-９]{3}(?![０-９]))/g;

/**
 * Phones type full-width digits, signs and spaces as often as ASCII ones ("５２　新增４２００人",
 * "２．９％"): they become ASCII, runs of spaces one space, and the text is trimmed, so that the
 * parsers see one spelling. Chinese numerals stay as written (extractQuantities reads them), so
 * that the report's text is the person's.
 */
export function normalizeReply(text: string): string {
  return text
    .replace(THOUSANDS_FULL_WIDTH, "$1,")
    .replace(/[\uFF01-\uFF5E]/g, (c) => {
      const ascii = String.fromCharCode(c.charCodeAt(0) - 0xfee0);
      // Full-width commas, colons and the like stay: they separate clauses in Chinese prose.
      return /[0-9A-Za-z%.+\-/]/.test(ascii) ? ascii : c;
    })
    .replace(/[\u3000\s]+/g, " ")
    .trim();
}
