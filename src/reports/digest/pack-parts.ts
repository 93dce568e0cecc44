import { byteLength, splitText } from "../../channels/split-text.js";

/** A titled block of lines: kept whole in one part when it fits, else split between lines. */
export interface TextSection {
  title: string;
  lines: string[];
}

/**
 * Packs a message's head and sections into parts of at most `maxBytes` (UTF-8), each readable on
 * its own: a part after the first starts with `continued`, a section split between parts repeats
 * its title as `titleContinued(title)`, and lines are never cut (unless one line alone is longer
 * than a part, which only a pathological note could make). Sections are separated by a blank line.
 */
export function packParts(input: {
  head: readonly string[];
  sections: readonly TextSection[];
  continued: string;
  titleContinued: (title: string) => string;
  maxBytes: number;
}): string[] {
  const { maxBytes } = input;
  const parts: string[][] = [];
  let lines: string[] = [...input.head];
  const size = (candidate: readonly string[]) => byteLength(candidate.join("\n"));
  const fits = (more: readonly string[]) => size([...lines, ...more]) <= maxBytes;
  const newPart = (first: readonly string[]) => {
    parts.push(lines);
    lines = [input.continued, ...first];
  };
  for (const section of input.sections) {
    const block = ["", section.title, ...section.lines];
    if (fits(block)) {
      lines.push(...block);
      continue;
    }
    // A section that fits a part of its own starts one; a longer one fills what is left first.
    const alone = size([input.continued, ...block]) <= maxBytes;
    if (alone) {
      newPart(block);
      continue;
    }
    let title = section.title;
    if (!fits(["", title])) newPart([]);
    lines.push("", title);
    for (const line of section.lines) {
      for (const piece of splitText(line, maxBytes - size([input.continued, title]) - 2)) {
        if (!fits([piece])) {
          title = input.titleContinued(section.title);
          newPart(["", title]);
        }
        lines.push(piece);
      }
    }
  }
  parts.push(lines);
  return parts.map((part) => part.join("\n"));
}
