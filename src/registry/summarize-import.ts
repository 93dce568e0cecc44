import { message, renderFile } from "../templates/template-store.js";
import type { ImportNoticeResult } from "./import-notice.js";

export interface SummaryContext {
  directoryPath: string;
  demo: boolean;
  hadPrevious: boolean;
  /** Where the registry was saved; absent for a dry run. */
  stored?: string;
}

/** The short human summary `duban import` prints: tasks per section, units, leaders, changes, problems. */
export function summarizeImport(result: ImportNoticeResult, context: SummaryContext): string {
  const { registry, diff } = result;
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
  return renderFile("import/summary.txt", {
    document: registry.document,
    taskCount: registry.tasks.length,
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
    hasPrevious: context.hadPrevious,
    addedCount: diff.added.length,
    changedCount: diff.changed.length,
    removedCount: diff.removed.length,
    unchangedCount: diff.unchanged,
    added: diff.added,
    changed: diff.changed.map((c) => ({
      no: c.after.no,
      fields: c.fields.map((f) => message("import/fields", f)).join("、"),
    })),
    removed: diff.removed,
    problemCount: registry.problems.length,
    problems: registry.problems,
    stored: context.stored,
  }).trimEnd();
}
