/**
 * Message limits counted in UTF-8 bytes, whatever the platform (WeCom: text and app markdown
 * ≤ 2048 B, robot markdown ≤ 4096 B, wecom-text-limits.ts; DingTalk: a part ≤ 2048 B, a group's
 * msgParam ≤ 15,000 B, dingtalk-render.ts and dingtalk-send.ts). Both work on whole code points,
 * so a Chinese character or an emoji is never cut.
 */

export const byteLength = (text: string): number => Buffer.byteLength(text, "utf8");

/**
 * Splits `text` into parts of at most `maxBytes`, at line boundaries; a single line longer than
 * that is cut between code points. Joining the parts with "\n" gives `text` back, except that
 * parts holding only whitespace are dropped (both platforms refuse an empty message; WeCom: 44004).
 */
export function splitText(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  const flush = () => {
    const part = lines.join("\n");
    if (part.trim() !== "") parts.push(part);
    lines = [];
    bytes = 0;
  };
  for (const line of text.split("\n")) {
    for (const piece of cutLine(line, maxBytes)) {
      const size = byteLength(piece) + (lines.length > 0 ? 1 : 0);
      if (lines.length > 0 && bytes + size > maxBytes) flush();
      bytes += byteLength(piece) + (lines.length > 0 ? 1 : 0);
      lines.push(piece);
    }
  }
  flush();
  return parts;
}

function cutLine(line: string, maxBytes: number): string[] {
  if (byteLength(line) <= maxBytes) return [line];
  const pieces: string[] = [];
  let piece = "";
  let bytes = 0;
  for (const char of line) {
    const size = byteLength(char);
    if (bytes + size > maxBytes) {
      pieces.push(piece);
      piece = "";
      bytes = 0;
    }
    piece += char;
    bytes += size;
  }
  pieces.push(piece);
  return pieces;
}
