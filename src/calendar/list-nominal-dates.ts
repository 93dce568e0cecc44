import { addDays, assertIsoDate, daysInMonth, isoDate, isoWeekday, isoWeekKey } from "./iso-date.js";
import type { ReportingCycle } from "./reporting-cycle.js";

/** A cycle's stable key ("2021-W12", "2021-03", "2021-Q1", "once") and its due day before any move. */
export interface NominalDate {
  cycle: string;
  nominal: string;
}

/** Every cycle whose nominal due day is after `start` and on or before `deadline`, in order. */
export function listNominalDates(cycle: ReportingCycle, start: string, deadline: string): NominalDate[] {
  assertIsoDate(start);
  assertIsoDate(deadline);
  if (deadline <= start) return [];
  switch (cycle.kind) {
    case "once":
      return [{ cycle: "once", nominal: deadline }];
    case "weekly":
      return weekly(cycle.weekday, start, deadline);
    case "monthly":
      return monthly(cycle.day, 1, start, deadline, (year, month) => `${year}-${pad(month)}`);
    case "quarterly":
      return monthly(cycle.day, 3, start, deadline, (year, month) => `${year}-Q${month / 3}`);
  }
}

function weekly(weekday: number, start: string, deadline: string): NominalDate[] {
  const out: NominalDate[] = [];
  // The first such weekday strictly after start: 1 to 7 days on.
  let nominal = addDays(start, ((weekday - isoWeekday(start) + 6) % 7) + 1);
  for (; nominal <= deadline; nominal = addDays(nominal, 7))
    out.push({ cycle: isoWeekKey(nominal), nominal });
  return out;
}

/** Monthly (every month) or quarterly (every third month: March, June, September, December). */
function monthly(
  day: number | "last",
  everyMonths: 1 | 3,
  start: string,
  deadline: string,
  key: (year: number, month: number) => string,
): NominalDate[] {
  const out: NominalDate[] = [];
  const last = monthIndex(deadline);
  for (let index = monthIndex(start); index <= last; index++) {
    const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
    if (month % everyMonths !== 0) continue;
    const length = daysInMonth(year, month);
    const nominal = isoDate(year, month, day === "last" ? length : Math.min(day, length));
    if (nominal > start && nominal <= deadline) out.push({ cycle: key(year, month), nominal });
  }
  return out;
}

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
