import { byteLength, splitText } from "../../channels/split-text.js";

/**
 * A titled block of lines: kept whole in one part when it fits, else split between its lines. A
 * "line" may hold several (a task and its units): it is kept together unless it alone is too long.
 */
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
  let lines: string[] = [];
  // The UTF-8 size of lines.join("\n"), kept as lines are added: joining the part again for every
  // line tried grew with the square of a digest's lines.
  let bytes = 0;
  const sizeWith = (more: readonly string[]) => joinedSize(more, { bytes, lines: lines.length });
  const add = (more: readonly string[]) => {
    bytes = sizeWith(more);
    lines.push(...more);
  };
  add(input.head);
  /** Whether the part being filled holds a section yet: a part of the head alone says nothing. */
  let holdsSection = false;
  const fits = (more: readonly string[]) => sizeWith(more) <= maxBytes;
  const newPart = (first: readonly string[]) => {
    parts.push(lines);
    lines = [];
    bytes = 0;
    add([input.continued, ...first]);
    holdsSection = first.length > 0;
  };
  for (const section of input.sections) {
    const block = ["", section.title, ...section.lines];
    if (fits(block)) {
      add(block);
      holdsSection = true;
      continue;
    }
    // A section that fits a part of its own starts one, unless the part is not half full (a
    // short first message and a long second read worse than a section split between them); a
    // longer one, or one after the head alone, fills what is left first.
    if (holdsSection && bytes > maxBytes / 2 && joinedSize([input.continued, ...block]) <= maxBytes) {
      newPart(block);
      continue;
    }
    let title = section.title;
    const room = maxBytes - joinedSize([input.continued, "", input.titleContinued(title)]) - 1;
    const pieces = section.lines.flatMap((line) => splitText(line, room));
    // Never a title at the foot of a part with none of its lines under it.
    if (!fits(["", title, ...pieces.slice(0, 1)])) newPart([]);
    add(["", title]);
    holdsSection = true;
    for (const piece of pieces) {
      if (!fits([piece])) {
        title = input.titleContinued(section.title);
        newPart(["", title]);
      }
      add([piece]);
    }
  }
  parts.push(lines);
  return parts.map((part) => part.join("\n"));
}

/** The UTF-8 size of `lines.join("\n")`, appended to `after` (the size and count of lines before). */
function joinedSize(lines: readonly string[], after = { bytes: 0, lines: 0 }): number {
  let total = after.bytes;
  let count = after.lines;
  for (const line of lines) total += (count++ > 0 ? 1 : 0) + byteLength(line);
  return total;
}
