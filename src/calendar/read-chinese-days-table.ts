import { createRequire } from "node:module";
import { z } from "zod";
import type { HolidayTable } from "./holiday-table.js";
import { yearOf } from "./iso-date.js";

const DATA_FILE = "chinese-days/dist/chinese-days.json";

const dayMap = z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string());
const packageDataSchema = z.object({ holidays: dayMap, workdays: dayMap });

let packageTable: HolidayTable | undefined;

/**
 * Reads chinese-days' own data file (or `raw`, in its shape) into a HolidayTable.
 *
 * The package's functions are not used: they parse dates as UTC but read them back in the host's
 * time zone (west of UTC, `getDayDetail("2021-02-08")` answers for 7 February), and they silently
 * answer Monday–Friday for a year they have no data for. The data file has neither problem, and it
 * says which years are covered: a year is covered when the file lists at least one holiday in it.
 */
export function readChineseDaysTable(raw?: unknown): HolidayTable {
  if (raw === undefined) {
    packageTable ??= readChineseDaysTable(createRequire(import.meta.url)(DATA_FILE));
    return packageTable;
  }
  const parsed = packageDataSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `${DATA_FILE} is not in the shape src/calendar/read-chinese-days-table.ts expects ` +
        `({ holidays, workdays } keyed by YYYY-MM-DD): ${z.prettifyError(parsed.error)}. ` +
        "Pin chinese-days to a version with that shape or update the reader.",
    );
  }
  const holidays = chineseNames(parsed.data.holidays);
  return {
    holidays,
    makeupWorkdays: chineseNames(parsed.data.workdays),
    coveredYears: new Set([...holidays.keys()].map(yearOf)),
  };
}

/** Entries read "Tomb-sweeping Day,清明,1" (English, Chinese, days); keep the Chinese name. */
function chineseNames(days: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries(days).map(([date, label]) => {
      const parts = label.split(",");
      return [date, parts.length >= 3 ? (parts[parts.length - 2] ?? label) : label];
    }),
  );
}
