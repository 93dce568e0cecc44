/**
 * One line of a notice as the parsers see it, whatever the file format.
 * `bold[i]` tells whether character i was set in bold (or in 黑体) — only a .docx carries it.
 */
export interface SourceLine {
  text: string;
  /** 1-based line (paragraph) number in the source. */
  line: number;
  bold?: readonly boolean[];
}

/** A piece of a line: its text and where it starts in the line, so formatting can be looked up. */
export interface Span {
  text: string;
  start: number;
}

const OPEN = new Set(["（", "(", "【", "["]);
const CLOSE = new Set(["）", ")", "】", "]"]);

/** Splits on any of `separators` that stand outside brackets, keeping each piece's position. */
export function splitSpans(span: Span, separators: string): Span[] {
  const pieces: Span[] = [];
  let depth = 0;
  let from = 0;
  const { text } = span;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(ch)) {
      pieces.push({ text: text.slice(from, i), start: span.start + from });
      from = i + 1;
    }
  }
  pieces.push({ text: text.slice(from), start: span.start + from });
  return pieces;
}

/** Trims white space (including the ideographic space) and keeps the position right. */
export function trimSpan(span: Span): Span {
  const lead = span.text.length - span.text.replace(/^[\s\u3000]+/, "").length;
  return { text: span.text.trim().replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""), start: span.start + lead };
}

/** True when most characters of the span were bold in the source line. */
export function isMostlyBold(line: SourceLine, span: Span): boolean {
  if (!line.bold || span.text.length === 0) return false;
  let bold = 0;
  for (let i = span.start; i < span.start + span.text.length; i++) if (line.bold[i]) bold++;
  return bold * 2 > span.text.length;
}

/** True when any character of the line is bold: the file carries the 黑体为主办单位 convention. */
export function hasBold(line: SourceLine): boolean {
  return line.bold?.some(Boolean) ?? false;
}
