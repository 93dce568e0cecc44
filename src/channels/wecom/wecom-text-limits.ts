/**
 * WeCom measures message limits in UTF-8 bytes (text and app markdown ≤ 2048 B, Doc 90236;
 * robot markdown ≤ 4096 B, Doc 99110) and card fields in characters ("建议不超过N个字").
 * Splitting by bytes is shared with DingTalk (../split-text.ts); cutting by characters is WeCom's
 * own. Both work on whole code points, so a Chinese character or an emoji is never cut.
 */

/** At most `maxChars` code points; a cut is shown with a trailing "…". */
export function truncateChars(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length <= maxChars ? text : `${chars.slice(0, Math.max(0, maxChars - 1)).join("")}…`;
}
