import { isMostlyBold, type SourceLine, type Span, splitSpans, trimSpan } from "./source-line.js";
import { isGroupName, isUnitNote, splitNames, splitUnitList } from "./unit-names.js";

/** What a task's parenthetical says: "（牵头领导：…。承办单位：…。配合单位：…。完成时限：…）". */
export interface Parenthetical {
  leaders: string[];
  hostUnits: string[];
  coUnits: string[];
  unitGroups: string[];
  deadlineText?: string;
  /** Labels it did not know, and clauses it could not read. */
  unknown: string[];
}

const LABELS: Record<string, "leaders" | "responsible" | "co" | "deadline"> = {
  牵头领导: "leaders",
  责任领导: "leaders",
  分管领导: "leaders",
  牵头区领导: "leaders",
  包保领导: "leaders",
  承办单位: "responsible",
  责任单位: "responsible",
  牵头单位: "responsible",
  主办单位: "responsible",
  主责单位: "responsible",
  配合单位: "co",
  协办单位: "co",
  参与单位: "co",
  完成时限: "deadline",
  完成时间: "deadline",
  时间节点: "deadline",
  时限要求: "deadline",
};

const LABELLED = /^([^：:，,、。]{2,8})[：:](.*)$/s;

/** True when the text (a bracket's content) starts with a label this parser knows. */
export function startsWithKnownLabel(text: string): boolean {
  const label = LABELLED.exec(text.trim())?.[1]?.trim();
  return label !== undefined && label in LABELS;
}

/**
 * Reads the parenthetical. Host units: the bold ones when the line carries bold type
 * (黑体为主办单位), otherwise the first responsible unit listed (列第一位的为牵头单位).
 */
export function parseParenthetical(line: SourceLine, content: Span): Parenthetical {
  const result: Parenthetical = { leaders: [], hostUnits: [], coUnits: [], unitGroups: [], unknown: [] };
  const responsible: Span[] = [];
  const co: Span[] = [];
  for (const raw of splitSpans(content, "。；;")) {
    const clause = trimSpan(raw);
    if (clause.text === "" || isUnitNote(clause.text)) continue;
    const match = LABELLED.exec(clause.text);
    const kind = match ? LABELS[(match[1] ?? "").trim()] : undefined;
    if (!match || !kind) {
      result.unknown.push(match ? (match[1] ?? "").trim() : clause.text);
      continue;
    }
    const value: Span = {
      text: match[2] ?? "",
      start: clause.start + clause.text.length - (match[2] ?? "").length,
    };
    if (kind === "leaders") result.leaders.push(...splitNames(value.text));
    else if (kind === "deadline") result.deadlineText = value.text.trim();
    else (kind === "responsible" ? responsible : co).push(...splitUnitList(value));
  }
  assignUnits(result, line, responsible, co);
  return result;
}

function assignUnits(result: Parenthetical, line: SourceLine, responsible: Span[], co: Span[]): void {
  const seen = new Set<string>();
  const add = (list: string[], name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    list.push(name);
  };
  const units = responsible.filter((s) => !isGroupName(s.text));
  // Bold marks hosts only where the list mixes bold and plain names; all-bold is mere styling.
  const boldHosts = units.filter((s) => isMostlyBold(line, s));
  const marks = boldHosts.length > 0 && boldHosts.length < [...responsible, ...co].length;
  const hosts = marks ? boldHosts : units.slice(0, 1);
  for (const span of hosts) add(result.hostUnits, span.text);
  for (const span of [...responsible, ...co]) {
    add(isGroupName(span.text) ? result.unitGroups : result.coUnits, span.text);
  }
}
