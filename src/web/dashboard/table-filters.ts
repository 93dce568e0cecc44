import type { TaskLight, TaskRow } from "./task-rows.js";

/** What the table is narrowed to, read from the query string (every one optional). */
export interface TableFilters {
  /** A section's title, as the registry writes it. */
  section?: string;
  leader?: string;
  /** A unit's full name. */
  unit?: string;
  light?: TaskLight;
  overdue?: boolean;
  /** Words searched in the task's text, its number and its units' names. */
  q?: string;
}

const LIGHTS: readonly TaskLight[] = ["red", "yellow", "green", "completed"];

/** The filters of a query string; an empty or unknown value is no filter. */
export function readFilters(query: Record<string, string | string[] | undefined>): TableFilters {
  const one = (key: string) => {
    const value = query[key];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    return text ? text : undefined;
  };
  const light = one("light");
  const filters: TableFilters = {};
  const section = one("section");
  const leader = one("leader");
  const unit = one("unit");
  const q = one("q");
  if (section) filters.section = section;
  if (leader) filters.leader = leader;
  if (unit) filters.unit = unit;
  if (light && (LIGHTS as readonly string[]).includes(light)) filters.light = light as TaskLight;
  if (one("overdue") === "1") filters.overdue = true;
  if (q) filters.q = q;
  return filters;
}

/** The rows every given filter lets through, in their order. */
export function applyFilters(
  rows: readonly TaskRow[],
  filters: TableFilters,
  short: (unit: string) => string,
): TaskRow[] {
  return rows.filter(
    (row) =>
      (filters.section === undefined || row.task.section === filters.section) &&
      (filters.leader === undefined || row.task.leaders.includes(filters.leader)) &&
      (filters.unit === undefined || row.standings.some((s) => s.unit === filters.unit)) &&
      (filters.light === undefined || row.light === filters.light) &&
      (!filters.overdue || row.overdue) &&
      (filters.q === undefined || matches(row, filters.q, short)),
  );
}

/** A number searches the task's number (第5项 is "5"); words its text and its units' names. */
function matches(row: TaskRow, q: string, short: (unit: string) => string): boolean {
  const words = q.split(/\s+/).filter(Boolean);
  return words.every((word) => {
    if (/^\d+$/.test(word) && String(row.task.no) === word) return true;
    return (
      row.task.text.includes(word) ||
      row.standings.some((s) => s.unit.includes(word) || short(s.unit).includes(word))
    );
  });
}
