import { type Parenthetical, parseParenthetical, startsWithKnownLabel } from "./parse-parenthetical.js";
import { isMostlyBold, type SourceLine, type Span } from "./source-line.js";
import { isGroupName, isUnitNote, readLeadMark, splitUnitList } from "./unit-names.js";

/** The units (and any leaders written with labels) of one table row. */
export type TableUnits = Pick<Parenthetical, "leaders" | "hostUnits" | "coUnits" | "unitGroups">;

/**
 * Reads the responsible-unit cell and the co-unit cells of a row. The first unit listed hosts
 * (列第一位的为牵头单位), unless `boldMarksHosts`: then the bold ones do (黑体为主办单位); in a
 * `leadColumn` (牵头单位 beside a 责任单位 column) every unit hosts.
 * A cell written with labels ("牵头单位：…；配合单位：…") is read as a notice's parenthetical.
 */
export function readTableUnits(
  responsible: SourceLine | undefined,
  co: readonly SourceLine[],
  boldMarksHosts: boolean,
  leadColumn = false,
): TableUnits {
  const leaders: string[] = [];
  // A unit named twice keeps its first place: host before co-unit, as the notice's own lists do.
  const placed = new Map<string, "hostUnits" | "coUnits" | "unitGroups">();
  const place = (name: string, role: "hostUnits" | "coUnits") => {
    if (!placed.has(name)) placed.set(name, isGroupName(name) ? "unitGroups" : role);
  };

  if (responsible && startsWithKnownLabel(responsible.text)) {
    // Line breaks end clauses here, as 。 does in a notice (same length, so bold flags stay aligned).
    const line = { ...responsible, text: responsible.text.replace(/\n/g, "；") };
    const parts = parseParenthetical(line, { text: line.text, start: 0 });
    leaders.push(...parts.leaders);
    for (const name of parts.hostUnits) place(name, "hostUnits");
    for (const name of [...parts.coUnits, ...parts.unitGroups]) place(name, "coUnits");
  } else if (responsible) {
    const spans = unitSpans(responsible);
    const units = spans.filter((span) => !isGroupName(span.text));
    const bold = boldMarksHosts ? units.filter((span) => isMostlyBold(responsible, span)) : [];
    // "区发改局（牵头）、区财政局": the marked unit hosts, whatever the column.
    const marked = units.filter((span) => span.marked);
    const hosts =
      marked.length > 0 ? marked : bold.length > 0 ? bold : leadColumn ? units : units.slice(0, 1);
    for (const span of hosts) place(span.text, "hostUnits");
    for (const span of spans) place(span.text, "coUnits");
  }
  for (const line of co) for (const span of unitSpans(line)) place(span.text, "coUnits");

  const result: TableUnits = { leaders, hostUnits: [], coUnits: [], unitGroups: [] };
  for (const [name, role] of placed) result[role].push(name);
  return result;
}

/**
 * Bold tells hosts apart only where a column mixes bold and plain unit names; a column set wholly
 * in bold is just styled that way.
 */
export function columnMarksHosts(cells: readonly SourceLine[]): boolean {
  let bold = false;
  let plain = false;
  for (const cell of cells) {
    if (!cell.bold) {
      plain ||= cell.text.trim() !== "";
      continue;
    }
    for (const span of unitSpans(cell)) {
      if (isMostlyBold(cell, span)) bold = true;
      else plain = true;
    }
  }
  return bold && plain;
}

/** Unit names of a cell, a lead mark removed; a line break separates names as 、 does. */
function unitSpans(cell: SourceLine): (Span & { marked?: true })[] {
  const text = cell.text.replace(/\n/g, "、");
  return splitUnitList({ text, start: 0 })
    .filter((span) => !isUnitNote(span.text))
    .map((span) => {
      const mark = readLeadMark(span.text);
      return mark.lead ? { ...span, text: mark.name, marked: true as const } : span;
    });
}
