import { isMostlyBold, type SourceLine, type Span, splitSpans, trimSpan } from "./source-line.js";
import { isGroupName, isUnitNote, readLeadMark, splitNames, splitUnitList } from "./unit-names.js";

/** What a task's parenthetical says: "（牵头领导：…。承办单位：…。配合单位：…。完成时限：…）". */
export interface Parenthetical {
  leaders: string[];
  hostUnits: string[];
  coUnits: string[];
  unitGroups: string[];
  deadlineText?: string;
  /** Labels it did not know, and clauses it could not read. */
  unknown: string[];
  /**
   * How the hosts were told apart: named by a lead label (牵头单位/主办单位), set in bold
   * (黑体为主办单位), or the first responsible unit listed (列第一位的为牵头单位).
   */
  hostRule?: HostRule;
}

export type HostRule = "lead" | "bold" | "first";

export type LabelKind = "leaders" | "lead" | "responsible" | "co" | "deadline";

/**
 * The label words notices use. `lead` units are all hosts (牵头单位：区商务局、区投促中心);
 * among `responsible` units only the first hosts, unless bold type says otherwise.
 */
export const LABELS: Record<string, LabelKind> = {
  牵头领导: "leaders",
  责任领导: "leaders",
  分管领导: "leaders",
  联系领导: "leaders",
  牵头区领导: "leaders",
  牵头县领导: "leaders",
  牵头市领导: "leaders",
  包保领导: "leaders",
  承办单位: "responsible",
  责任单位: "responsible",
  责任部门: "responsible",
  主责单位: "responsible",
  牵头单位: "lead",
  主办单位: "lead",
  牵头部门: "lead",
  牵头责任单位: "lead",
  配合单位: "co",
  配合部门: "co",
  协办单位: "co",
  参与单位: "co",
  完成时限: "deadline",
  完成时间: "deadline",
  时间节点: "deadline",
  时限要求: "deadline",
};

export const LABELLED = /^([^：:，,、。]{2,8})[：:](.*)$/s;

/** True when the text (a bracket's content) starts with a label this parser knows. */
export function startsWithKnownLabel(text: string): boolean {
  const label = LABELLED.exec(text.trim())?.[1]?.trim();
  return label !== undefined && label in LABELS;
}

/** A unit name as listed, and whether the source set it in bold. */
export interface UnitSpan extends Span {
  bold: boolean;
}

/** What labelled clauses say, before the hosts are told apart (several sources may add to it). */
export interface LabelledClauses {
  leaders: string[];
  lead: UnitSpan[];
  responsible: UnitSpan[];
  co: UnitSpan[];
  deadlineText?: string;
  unknown: string[];
}

export function emptyClauses(): LabelledClauses {
  return { leaders: [], lead: [], responsible: [], co: [], unknown: [] };
}

/**
 * Reads the parenthetical. Host units: the bold ones when the line carries bold type
 * (黑体为主办单位), otherwise the first responsible unit listed (列第一位的为牵头单位).
 */
export function parseParenthetical(line: SourceLine, content: Span): Parenthetical {
  const clauses = readLabelledClauses(line, content);
  const { leaders, deadlineText, unknown } = clauses;
  return {
    leaders,
    ...assignUnits(clauses),
    ...(deadlineText !== undefined ? { deadlineText } : {}),
    unknown,
  };
}

/** Reads "label：value" clauses (split on 。；) into `into`; bold is looked up in `line`. */
export function readLabelledClauses(
  line: SourceLine,
  content: Span,
  into: LabelledClauses = emptyClauses(),
): LabelledClauses {
  let previous: LabelKind | undefined;
  let deadline: string | undefined;
  for (const raw of splitSpans(content, "。；;")) {
    const clause = trimSpan(raw);
    if (clause.text === "" || isUnitNote(clause.text)) continue;
    const match = LABELLED.exec(clause.text);
    const kind = match ? LABELS[(match[1] ?? "").trim()] : undefined;
    if (!kind && previous === "deadline" && deadline !== undefined) {
      // A deadline in stages runs on: "完成时限：1月底前完成方案；其它事项12月底前".
      deadline += `；${clause.text}`;
      continue;
    }
    previous = kind;
    if (!match || !kind) {
      into.unknown.push(match ? (match[1] ?? "").trim() : clause.text);
      continue;
    }
    const value: Span = {
      text: match[2] ?? "",
      start: clause.start + clause.text.length - (match[2] ?? "").length,
    };
    if (kind === "leaders") into.leaders.push(...splitNames(value.text));
    else if (kind === "deadline") deadline = value.text.trim();
    else {
      for (const span of unitSpans(line, value)) {
        // 责任单位：县财政局（牵头）、县税务局 — the marked unit hosts.
        const marked = readLeadMark(span.text);
        if (marked.lead) into.lead.push({ ...span, text: marked.name });
        else into[kind].push(span);
      }
    }
  }
  if (deadline !== undefined && deadline !== "") into.deadlineText ??= deadline;
  return into;
}

/** The unit names of a list, each with its bold flag. */
export function unitSpans(line: SourceLine, list: Span): UnitSpan[] {
  return splitUnitList(list).map((span) => ({ ...span, bold: isMostlyBold(line, span) }));
}

/** Unit lists by what their label says: lead units all host; of responsible ones, the first or the bold. */
export function assignUnits({
  lead,
  responsible,
  co,
}: Pick<LabelledClauses, "lead" | "responsible" | "co">): Pick<
  Parenthetical,
  "hostUnits" | "coUnits" | "unitGroups" | "hostRule"
> {
  const result: Pick<Parenthetical, "hostUnits" | "coUnits" | "unitGroups" | "hostRule"> = {
    hostUnits: [],
    coUnits: [],
    unitGroups: [],
  };
  const seen = new Set<string>();
  const add = (list: string[], name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    list.push(name);
  };
  const leadUnits = lead.filter((s) => !isGroupName(s.text));
  const units = responsible.filter((s) => !isGroupName(s.text));
  // Bold marks hosts only where the list mixes bold and plain names; all-bold is mere styling.
  const boldHosts = units.filter((s) => s.bold);
  const marks = boldHosts.length > 0 && boldHosts.length < [...responsible, ...co].length;
  const hosts = leadUnits.length > 0 ? leadUnits : marks ? boldHosts : units.slice(0, 1);
  if (hosts.length > 0) result.hostRule = leadUnits.length > 0 ? "lead" : marks ? "bold" : "first";
  for (const span of hosts) add(result.hostUnits, span.text);
  for (const span of [...lead, ...responsible, ...co]) {
    add(isGroupName(span.text) ? result.unitGroups : result.coUnits, span.text);
  }
  return result;
}
