import { message, renderFile } from "../templates/template-store.js";
import type { UnknownNames } from "./find-unknown-names.js";
import type { ImportNoticeResult } from "./import-notice.js";
import type { YearFinding } from "./notice-year.js";

export interface SummaryContext {
  directoryPath: string;
  demo: boolean;
  hadPrevious: boolean;
  /** Where the registry was saved; absent for a dry run or a refused import. */
  stored?: string;
  /** Why the import was (or, for a dry run, would be) refused, in words. */
  refusals?: string[];
  dryRun?: boolean;
  /**
   * Kept for a confirmation in chat (/import): no status line and no `duban import` hints, the
   * caller says what to send next.
   */
  pending?: boolean;
}

/** The summary must fit a screen: long lists are cut, with how many more and where to see them. */
const LIMITS = { skipped: 10, changed: 10, problems: 12, names: 8, numbers: 12 };

/**
 * The short human summary `duban import` prints. It opens with what matters — tasks read, lines
 * that look like tasks but were not read (and why), the year and where it came from — then the
 * sections, the directory's warnings grouped by kind, what changed, and the other problems.
 */
export function summarizeImport(result: ImportNoticeResult, context: SummaryContext): string {
  const { registry, diff, skipped, unknownNames, readingProblems } = result;
  const units = new Set<string>();
  const hosts = new Set<string>();
  const groups = new Set<string>();
  const leaders = new Set<string>();
  for (const task of registry.tasks) {
    for (const u of [...task.hostUnits, ...task.coUnits]) units.add(u);
    for (const u of task.hostUnits) hosts.add(u);
    for (const g of task.unitGroups) groups.add(g);
    for (const l of task.leaders) leaders.add(l);
  }
  const names = nameLines(unknownNames);
  const status =
    context.stored || context.pending
      ? undefined
      : message("import/summary-lines", context.dryRun ? "dryRun" : "refused");
  return renderFile("import/summary.txt", {
    document: registry.document,
    taskCount: registry.tasks.length,
    skippedCount: skipped.length,
    skipped: skipped.slice(0, LIMITS.skipped).map((s) => ({ ...s, reasons: s.reasons.join("") })),
    skippedMore: Math.max(0, skipped.length - LIMITS.skipped),
    year: result.year,
    yearSource: describeYear(result.year),
    sectionCount: registry.sections.length,
    targetCount: registry.targets.length,
    sections: registry.sections.map((s) => ({
      ...s,
      count: registry.tasks.filter((t) => t.section === s.title).length,
    })),
    unitCount: units.size,
    hostCount: hosts.size,
    groupCount: groups.size,
    leaderCount: leaders.size,
    indicatorCount: registry.tasks.reduce((n, t) => n + t.indicators.length, 0),
    demo: context.demo,
    directoryPath: context.directoryPath,
    names,
    hasPrevious: context.hadPrevious,
    addedCount: diff.added.length,
    changedCount: diff.changed.length,
    removedCount: diff.removed.length,
    unchangedCount: diff.unchanged,
    added: diff.added.length > 0 ? [numberRanges(diff.added.map((t) => t.no))] : [],
    changed: diff.changed.slice(0, LIMITS.changed).map((c) => ({
      no: c.after.no,
      fields: c.fields.map((f) => message("import/fields", f)).join("、"),
    })),
    changedMore: Math.max(0, diff.changed.length - LIMITS.changed),
    removed: diff.removed.length > 0 ? [numberRanges(diff.removed.map((t) => t.no))] : [],
    problemCount: readingProblems.length,
    problems: readingProblems.slice(0, LIMITS.problems),
    problemsMore: Math.max(0, readingProblems.length - LIMITS.problems),
    anyProblem: skipped.length + readingProblems.length + names.length > 0,
    explainHint: !context.pending,
    refusals: [...(context.refusals ?? []), ...(status ? [status] : [])],
    stored: context.stored,
    path: result.source.path,
  }).trimEnd();
}

export function describeYear(year: YearFinding): string {
  return message("import/summary-lines", `year.${year.source}`, { ...year });
}

/** One line per kind of unknown name, however many tasks use them. */
function nameLines(names: UnknownNames): string[] {
  const kinds = ["units", "groups", "emptyGroups", "leaders"] as const;
  return kinds
    .filter((kind) => names[kind].length > 0)
    .map((kind) => {
      const list = names[kind];
      return message("import/summary-lines", `names.${kind}`, {
        count: list.length,
        list: list.slice(0, LIMITS.names).join("、"),
        more: list.length > LIMITS.names,
      });
    });
}

/** [1, 2, 3, 5, 8, 9] → "1–3、5、8–9"; past a dozen pieces, "…等N项" is left to the count line above. */
export function numberRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const pieces: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i] as number;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i] as number;
    pieces.push(end === start ? String(start) : `${start}–${end}`);
  }
  return pieces.length > LIMITS.numbers
    ? `${pieces.slice(0, LIMITS.numbers).join("、")}…`
    : pieces.join("、");
}
